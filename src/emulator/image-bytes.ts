/**
 * The bytes of a product image: a valid 8×8 greyscale baseline JPEG whose shade and comment are
 * derived from the ids, so every image is distinct, deterministic and tiny. Built by hand (one
 * block, DC coefficient only, one-symbol Huffman tables) so no image library is needed.
 */

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** A JPEG for image `imageId` of product `productId`. */
export function productImageJpeg(productId: number, imageId: number): Buffer {
  const shade = 40 + ((productId * 37 + imageId * 91) % 176);
  const dc = (shade - 128) * 8;
  const magnitude = Math.abs(dc);
  const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
  const valueBits = dc >= 0 ? dc : (dc - 1) & ((1 << category) - 1);

  // Entropy-coded data: DC code '0', `category` value bits, AC end-of-block code '0'.
  let bits = '0';
  if (category > 0) bits += valueBits.toString(2).padStart(category, '0');
  bits += '0';
  while (bits.length % 8 !== 0) bits += '1';
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = Number.parseInt(bits.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00);
  }

  const comment = [...Buffer.from(`prestabridge emulator: product ${productId}, image ${imageId}`, 'latin1')];
  const counts = (symbolLengthOne: boolean): number[] => [
    symbolLengthOne ? 1 : 0,
    ...new Array<number>(15).fill(0),
  ];
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xfe, comment),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]),
    ...segment(0xc4, [0x00, ...counts(true), category]),
    ...segment(0xc4, [0x10, ...counts(true), 0x00]),
    ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    ...scan,
    0xff,
    0xd9,
  ];
  return Buffer.from(bytes);
}

/** The MIME type of uploaded bytes, from their signature; undefined when not an image PrestaShop accepts. */
export function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (
    bytes.length >= 6 &&
    (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' ||
      bytes.subarray(0, 6).toString('latin1') === 'GIF89a')
  ) {
    return 'image/gif';
  }
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return undefined;
}
