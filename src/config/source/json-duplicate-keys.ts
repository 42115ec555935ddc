/**
 * JSON.parse silently keeps the last of two equal keys; a config with a
 * duplicated key is almost always a mistake, so find them with one linear
 * scan of the (already known to be valid) JSON text.
 */
export function findDuplicateJsonKeys(text: string): { key: string; offset: number }[] {
  const found: { key: string; offset: number }[] = [];
  const objects: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      objects.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      objects.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = objects[objects.length - 1] !== null;
    } else if (c === 0x22 /* " */) {
      const start = i;
      i = endOfString(text, i);
      const keys = objects[objects.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (keys.has(key)) found.push({ key, offset: start });
        else keys.add(key);
        expectKey = false;
      }
    }
  }
  return found;
}

function endOfString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}
