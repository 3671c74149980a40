/**
 * A chart's SVG as a PNG at print resolution: drawn on a canvas scaled from CSS pixels
 * (96 per inch) to `dpi`, then marked with its resolution (exchange/png-dpi.ts) so a word
 * processor places it at the chart's real size. The SVG goes in as a data: URL, so no Blob URL
 * is made here (exchange/download.ts is the one place for those).
 */
import { setPngDpi } from '../../exchange/png-dpi.ts';

/** Print resolution of exported charts. */
export const PRINT_DPI = 300;

/** Rasterises SVG text of `width` × `height` CSS pixels to PNG bytes at `dpi`. */
export async function svgToPng(svgText: string, width: number, height: number, dpi = PRINT_DPI): Promise<Uint8Array> {
  const scale = dpi / 96;
  const image = new Image();
  image.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart image could not be loaded'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
  );
  return setPngDpi(new Uint8Array(await blob.arrayBuffer()), dpi);
}
