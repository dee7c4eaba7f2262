import { describe, expect, it } from 'vitest';
import { checkImage } from '../../servers/image-check';
import { fixtureImage, truncatedPng } from '../providers/images';

// The fakes' image decoder is what every image e2e test trusts: it must refuse what the real APIs
// refuse, or a client bug would pass unseen.
describe('the fake providers’ image check', () => {
  const png = fixtureImage('png').data;

  it('reads a whole image’s real type and size from its bytes, whatever it is labelled', () => {
    expect(checkImage(png, Infinity)).toMatchObject({ ok: true, type: 'png', width: 8, height: 6 });
    expect(checkImage(fixtureImage('jpeg').data, Infinity)).toMatchObject({ ok: true, type: 'jpeg', width: 8, height: 6 });
  });

  it('refuses base64 that Node’s lenient decoder would read but the APIs do not: line breaks, the URL-safe alphabet', () => {
    const wrapped = `${png.slice(0, 76)}\n${png.slice(76)}`; // MIME-style lines decode to the same bytes in Node
    expect(Buffer.from(wrapped, 'base64').equals(Buffer.from(png, 'base64'))).toBe(true);
    expect(checkImage(wrapped, Infinity)).toEqual({ ok: false, problem: 'not-base64', detail: 'invalid base64 data' });
    expect(checkImage(`${png.slice(0, -4)}_-==`, Infinity)).toMatchObject({ ok: false, problem: 'not-base64' });
  });

  it('refuses an image cut short, over the size limit, or not an image at all', () => {
    expect(checkImage(truncatedPng().data, Infinity)).toMatchObject({ ok: false, problem: 'truncated' });
    const bytes = Buffer.from(png, 'base64').length;
    expect(checkImage(png, bytes - 1)).toMatchObject({ ok: false, problem: 'too-large' });
    expect(checkImage(png, bytes)).toMatchObject({ ok: true });
    expect(checkImage(Buffer.from('not a picture at all').toString('base64'), Infinity)).toMatchObject({ ok: false, problem: 'not-image' });
  });
});
