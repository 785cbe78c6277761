import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { basic, call, errorCodes } from './emulator-test-client.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'small' });
});

afterAll(async () => {
  await emu.close();
});

function upload(productId: number, bytes: Buffer, type: string): Promise<Response> {
  const form = new FormData();
  form.append('image', new Blob([bytes], { type }), 'picture');
  return fetch(`${emu.address}/api/images/products/${productId}`, {
    method: 'POST',
    headers: basic(emu.keys[0] ?? ''),
    body: form,
  });
}

describe('images', () => {
  it('lists the image kinds, the products with images, and one product’s images', async () => {
    expect((await call(emu, 'images')).text).toContain('<products xlink:href=');
    const listing = (await call(emu, 'images/products')).text;
    expect(listing).toContain('<image_type id="1" name="cart_default"');
    expect(listing).toContain(`<image id="1" xlink:href="${emu.apiUrl}images/products/1"/>`);
    const product = (await call(emu, 'images/products/1')).text;
    expect(product).toMatch(/<declination id="1" xlink:href="[^"]+\/images\/products\/1\/1"\/>/);
    expect((await call(emu, 'images/products/9999')).status).toBe(404);
  });

  it('serves the image bytes as a JPEG', async () => {
    const response = await fetch(`${emu.address}/api/images/products/1/1`, {
      headers: basic(emu.keys[0] ?? ''),
    });
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('answers JSON listings the broken way an 8.1 store does (500 with PHP warnings)', async () => {
    const answer = await call(emu, 'images/products?output_format=JSON');
    expect(answer.status).toBe(500);
    const body = JSON.parse(answer.text) as { '': unknown[]; errors: Array<{ code: number }> };
    expect(body[''].length).toBe(body.errors.length);
    expect(body.errors.every((error) => error.code === 3)).toBe(true);
  });

  it('accepts a multipart upload, answers 200 with the image record, and lists the new image', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082',
      'hex',
    );
    const response = await upload(2, png, 'image/png');
    expect(response.status).toBe(200);
    const text = await response.text();
    const id = /<id><!\[CDATA\[(\d+)\]\]><\/id>/.exec(text)?.[1];
    expect(text).toContain(`<content encode="base64"><![CDATA[${png.toString('base64')}]]></content>`);
    expect((await call(emu, 'images/products/2')).text).toContain(`<declination id="${id ?? ''}"`);
    const served = await fetch(`${emu.address}/api/images/products/2/${id ?? ''}`, {
      headers: basic(emu.keys[0] ?? ''),
    });
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses an upload without a file (76) or with bytes that are no image (73)', async () => {
    const empty = await fetch(`${emu.address}/api/images/products/2`, {
      method: 'POST',
      headers: basic(emu.keys[0] ?? ''),
    });
    expect(errorCodes(await empty.text())).toEqual([76]);
    const text = await upload(2, Buffer.from('not an image'), 'image/png');
    expect([text.status, errorCodes(await text.text())]).toEqual([400, [73]]);
  });
});
