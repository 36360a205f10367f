import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';

/** Every migration, in order. Add new ones at the end. */
export const migrations = [InitialSchema1764000000000];
