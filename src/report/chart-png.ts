import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { readFileSync } from 'node:fs';

/**
 * A chart's SVG as PNG for Word (which wants a raster image), by resvg compiled to WebAssembly:
 * no native dependency. WebAssembly sees no system fonts, so the text is set in Inter, shipped
 * as an npm package (SIL Open Font License) and loaded once.
 */
let ready: Promise<Uint8Array[]> | undefined;

function fonts(): Promise<Uint8Array[]> {
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))).then(() =>
    ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'].map((f) => readFileSync(require.resolve(`@expo-google-fonts/inter/${f}`))),
  );
  return ready;
}

/**
 * PNG of an SVG at `scale` × its own size. Word shows the SVG; the PNG is only for readers that
 * cannot, so it is drawn at its own size (drawing costs time in proportion to its pixels).
 */
export async function svgToPng(svg: string, width: number, scale = 1): Promise<Buffer> {
  const fontBuffers = await fonts();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * scale },
    background: 'white',
    font: { fontBuffers, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  });
  try {
    const image = resvg.render();
    try {
      return Buffer.from(image.asPng());
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
