// A one-line terminal progress bar (redrawn at most every 100 ms; plain lines when not a TTY).

export function progressBar(out: NodeJS.WriteStream, width = 30) {
  let last = 0;
  let lastLine = '';
  return {
    draw(fraction: number, label: string) {
      const now = performance.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * width);
      const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)} % ${label}`;
      if (out.isTTY) out.write(`\r${line}\x1b[K`);
      else if (line !== lastLine) out.write(`${line}\n`);
      lastLine = line;
    },
    done() {
      if (out.isTTY) out.write('\n');
    },
  };
}
