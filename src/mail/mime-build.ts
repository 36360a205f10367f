import { encode as base64Encode, wrap as base64Wrap } from 'nodemailer/lib/base64';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';

/** What of nodemailer's MimeNode the writer reads: its own headers, its content, its children. */
interface MimeTreeNode {
  childNodes: MimeTreeNode[];
  content?: unknown;
  contentType?: string;
  multipart?: string | false;
  boundary?: string | false;
  _raw?: unknown;
  _transforms?: unknown[];
  _processFuncs?: unknown[];
  newline?: unknown;
  buildHeaders(): string;
  getTransferEncoding(): string | false;
}

/**
 * nodemailer's `MimeNode.build()` without its streams. `build()` pipes every part through its own
 * chain of streams (about 2.3 ms of CPU for a meeting email, more than half of what sending one
 * costs); this writes the same bytes in one pass: each node's headers from nodemailer's own
 * `buildHeaders()`, its content through nodemailer's own base64 and quoted-printable encoders, and the
 * parts in the order and with the separators `build()` uses (mime-build.spec.ts compares the two,
 * byte for byte). It takes the trees MailComposer makes of string and Buffer contents only; anything
 * else (a stream, a file, a URL, raw content, transforms) is left to `build()`: `null`.
 */
export function writeMime(root: MimeTreeNode): Buffer | null {
  const chunks: string[] = [];
  if (root.newline || !write(root, chunks)) return null;
  const message = chunks.join('');
  // build() ends the message with a line break unless it ends with one (its LastNewline stage).
  return Buffer.from(message.endsWith('\n') ? message : message.endsWith('\r') ? `${message}\n` : `${message}\r\n`, 'latin1');
}

/** Appends one node, latin1 strings throughout (every encoded part is 7-bit); false when it cannot. */
function write(node: MimeTreeNode, chunks: string[]): boolean {
  if (node._raw || node._transforms?.length || node._processFuncs?.length) return false;
  const content = node.content;
  if (content !== undefined && content !== null && content !== '' && typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
  const transferEncoding = node.getTransferEncoding();
  chunks.push(`${node.buildHeaders()}\r\n\r\n`);
  if (content) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf-8') : (content as Buffer);
    if (transferEncoding === 'base64') chunks.push(base64Wrap(base64Encode(bytes), 76));
    else if (transferEncoding === 'quoted-printable') {
      // Outside text a lone CR or LF is data; nodemailer's stream encoder then works in binary mode.
      if (!/^text\//i.test(node.contentType ?? '')) return false;
      chunks.push(qpWrap(qpEncode(bytes), 76));
    } else chunks.push(bytes.toString('latin1'));
  }
  if (!node.multipart) return true;
  for (const [index, child] of node.childNodes.entries()) {
    chunks.push(`${index > 0 ? '\r\n' : ''}--${node.boundary}\r\n`);
    if (!write(child, chunks)) return false;
  }
  chunks.push(`\r\n--${node.boundary}--\r\n`);
  return true;
}
