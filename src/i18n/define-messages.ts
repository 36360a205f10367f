/** A message tree: nested sections whose leaves are texts with {placeholders}. */
export interface MessageNode {
  readonly [key: string]: string | MessageNode;
}

/** The shape of a translation of `T`: the same keys, any texts. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/**
 * One section of the messages in the three languages. English sets the keys: a Russian or Kazakh
 * key that is missing, extra or misspelt fails the build.
 */
export function defineMessages<T extends MessageNode>(messages: { en: T; ru: NoInfer<Translation<T>>; kk: NoInfer<Translation<T>> }) {
  return messages;
}

/** Every "section.name" path to a text in `T`. */
export type KeyPaths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeyPaths<T[K]>}` }[keyof T & string];
