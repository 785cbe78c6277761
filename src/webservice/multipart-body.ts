import { randomBytes } from 'node:crypto';

/** A file sent as `multipart/form-data`, the way the image upload expects it (field `image`). */
export interface MultipartFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Uint8Array;
}

/** Builds a one-file `multipart/form-data` body and its content type. */
export function multipartBody(file: MultipartFile): { body: Buffer; contentType: string } {
  const boundary = `----prestabridge${randomBytes(12).toString('hex')}`;
  const safeName = file.filename.replace(/["\r\n\\]/g, '_');
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${file.field}"; filename="${safeName}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head, 'utf8'),
    Buffer.from(file.data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
