// What one WebGL frame costs this machine's headless Chromium at the phone profile's size
// (390×844 CSS px at 2×): with --disable-gpu the compositor works in software and reads every
// frame of the map's canvas back (GLES2::ReadPixels), so each frame MapLibre draws costs the
// main thread this much before anything of the page's own. It differs several-fold between
// machines of the same kind, so the bench prints it beside the page figures it drives.
import type { Browser } from 'playwright-core';

const FRAMES = 10;

/** The mean cost of FRAMES frames after two warm-up frames, in ms: one clear of the whole canvas per frame. */
export async function measureFrameCost(browser: Browser): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  try {
    const page = await context.newPage();
    await page.setContent('<canvas style="width:100vw;height:100vh;display:block"></canvas><style>body{margin:0}</style>');
    // Plain JavaScript text: a compiled function would carry the TypeScript runner's helpers along.
    return await page.evaluate(`new Promise((resolve) => {
      const canvas = document.querySelector('canvas');
      canvas.width = innerWidth * devicePixelRatio;
      canvas.height = innerHeight * devicePixelRatio;
      const gl = canvas.getContext('webgl2', { antialias: false });
      if (!gl) return resolve(NaN);
      let n = 0, t0 = 0;
      const frame = () => {
        gl.clearColor(n % 2, 0.5, 0.5, 1);
        gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT | gl.STENCIL_BUFFER_BIT);
        if (n === 2) t0 = performance.now();
        if (++n < ${FRAMES} + 3) requestAnimationFrame(frame);
        else resolve((performance.now() - t0) / ${FRAMES});
      };
      requestAnimationFrame(frame);
    })`);
  } finally {
    await context.close();
  }
}
