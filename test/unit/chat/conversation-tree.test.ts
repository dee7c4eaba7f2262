import { describe, expect, it } from 'vitest';
import { defaultLeaf, latestLeaf, pathTo, viewOf, type TreeNode } from '@/lib/chat/conversation-tree';

const q = (id: string, at: number, parentId?: string | null): TreeNode => ({ id, role: 'user', at, parentId });
const a = (id: string, at: number, parentId?: string | null): TreeNode => ({ id, role: 'assistant', at, parentId });

// q1 → a1 → q2 → a2, then a2 regenerated (a2b), then q2 edited (q2b → a3).
const tree = [q('q1', 1, null), a('a1', 2, 'q1'), q('q2', 3, 'a1'), a('a2', 4, 'q2'), a('a2b', 5, 'q2'), q('q2b', 6, 'a1'), a('a3', 7, 'q2b')];
const ids = (nodes: TreeNode[]) => nodes.map((n) => n.id);

describe('conversation tree', () => {
  it('opens on the branch written last', () => {
    expect(defaultLeaf(tree)).toBe('a3');
    expect(ids(pathTo(tree, 'a3'))).toEqual(['q1', 'a1', 'q2b', 'a3']);
  });

  it('gives every version of a message on the path, oldest first', () => {
    const { path, versions } = viewOf(tree, 'a3');
    expect(ids(path)).toEqual(['q1', 'a1', 'q2b', 'a3']);
    expect(versions).toEqual({ q2b: { ids: ['q2', 'q2b'], index: 1 } });
    expect(viewOf(tree, 'a2').versions).toEqual({ q2: { ids: ['q2', 'q2b'], index: 0 }, a2: { ids: ['a2', 'a2b'], index: 0 } });
  });

  it('goes down an earlier version to the answer written last below it', () => {
    expect(latestLeaf(tree, 'q2')).toBe('a2b');
    expect(latestLeaf(tree, 'a3')).toBe('a3');
  });

  it('reads messages stored before conversations branched as one line, and a newer answer below them', () => {
    const old = [q('o1', 1), a('o2', 2), q('o3', 3), a('o4', 4)];
    expect(ids(pathTo(old, defaultLeaf(old)))).toEqual(['o1', 'o2', 'o3', 'o4']);
    const continued = [...old, a('o4b', 5, 'o3')];
    expect(viewOf(continued, defaultLeaf(continued)).versions).toEqual({ o4b: { ids: ['o4', 'o4b'], index: 1 } });
  });

  it('stops at a loop in stored data instead of hanging the panel', () => {
    const looped = [q('x', 1, 'y'), a('y', 2, 'x')];
    expect(pathTo(looped, 'y').length).toBeLessThanOrEqual(2);
    expect(latestLeaf(looped, 'x')).toBeDefined();
  });
});
