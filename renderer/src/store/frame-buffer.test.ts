import { describe, expect, it, vi } from 'vitest';
import { createFrameBuffer } from './frame-buffer';
import { manualFrames } from './test-support';

describe('frame buffer', () => {
  it('hands over one batch per frame with the latest value per key', () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const buffer = createFrameBuffer<string, number>(frames.schedule, apply);
    buffer.push('a', 1);
    buffer.push('b', 1);
    buffer.push('a', 2);
    expect(frames.waiting).toBe(1);
    frames.flush();
    expect(apply).toHaveBeenCalledTimes(1);
    expect([...apply.mock.calls[0]![0]]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('skips the frame when everything waiting was dropped', () => {
    const frames = manualFrames();
    const apply = vi.fn();
    const buffer = createFrameBuffer<string, number>(frames.schedule, apply);
    buffer.push('a', 1);
    buffer.drop('a');
    frames.flush();
    expect(apply).not.toHaveBeenCalled();
    buffer.push('a', 3);
    expect(frames.waiting).toBe(1);
  });
});
