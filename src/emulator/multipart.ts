/** Just enough `multipart/form-data` to read the `image` file field of an upload. */

export interface MultipartFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** The file parts of a multipart body; empty when the content type is not multipart. */
export function readMultipartFiles(contentType: string | undefined, body: Buffer): MultipartFile[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) return [];
  const delimiter = Buffer.from(`--${marker}`);
  const files: MultipartFile[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(partStart, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('latin1');
      let content = part.subarray(headerEnd + 4);
      if (
        content.length >= 2 &&
        content[content.length - 2] === 0x0d &&
        content[content.length - 1] === 0x0a
      ) {
        content = content.subarray(0, content.length - 2);
      }
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
      const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers);
      if (name !== undefined && filename !== undefined) {
        files.push({
          field: name,
          filename,
          contentType: (type?.[1] ?? 'application/octet-stream').trim(),
          bytes: Buffer.from(content),
        });
      }
    }
    start = next;
  }
  return files;
}
