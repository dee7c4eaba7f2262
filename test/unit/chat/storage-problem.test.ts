import { describe, expect, it } from 'vitest';
import { describeStorageProblem, StorageFailure } from '@/lib/chat/storage-problem';

describe('describeStorageProblem', () => {
  it.each([
    [new DOMException('Quota exceeded.', 'QuotaExceededError'), 'quota', /Not saved: .*\(QuotaExceededError: Quota exceeded\.\)\. Free disk space/],
    [new DOMException('The requested version (2) is less than the existing version (99).', 'VersionError'), 'newer-version', /Not saved: a newer version of omni-ai .*Update omni-ai/],
    [new StorageFailure('blocked', 'blocked'), 'blocked', /Close other omni-ai windows/],
    [new DOMException('Internal error opening backing store', 'UnknownError'), 'broken', /Restart the browser/],
    [new DOMException('The database connection is closing.', 'InvalidStateError'), 'broken', /Restart the browser/],
    [new DOMException('The transaction was aborted.', 'AbortError'), 'failed', /Try again/],
  ])('says what failed and what to do for %s', (error, kind, text) => {
    const problem = describeStorageProblem(error, 'save');
    expect(problem.kind).toBe(kind);
    expect(problem.message).toMatch(text);
    expect(problem.message).toMatch(/use Export to keep the conversation you are in\.$/);
  });

  it('names the action: reading, deleting', () => {
    const version = new DOMException('newer', 'VersionError');
    expect(describeStorageProblem(version, 'read').message).toMatch(/^Your saved conversations could not be read: /);
    expect(describeStorageProblem(version, 'delete').message).toMatch(/^The conversation was not deleted: .*Update omni-ai to read and save conversations again\.$/);
  });

  it('is plain data, for the port', () => {
    const problem = describeStorageProblem(new Error('x'), 'save');
    expect(structuredClone(problem)).toEqual(problem);
  });
});
