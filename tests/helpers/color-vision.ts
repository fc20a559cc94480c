// How far apart two screen colours look, to a reader with normal colour vision and to one with each of the
// three dichromacies, for the tests that check the charts' colours stay readable to colour-blind traders.
// Simulation: Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for Simulation of Color
// Vision Deficiency", severity 1.0 (the full dichromacy, the hardest case), applied to linear sRGB as the paper
// does. Distance: CIEDE2000 (Sharma, Wu and Dalal 2005) in CIELAB under D65, the formula that corrects CIE76's
// overstatement of differences between saturated colours (a saturated orange and yellow are ~30 apart in CIE76
// but ~15 in ΔE2000, which matches how alike they look).

type Matrix = readonly (readonly [number, number, number])[];

export const VISIONS = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
} as const satisfies Record<string, Matrix>;

export type Vision = keyof typeof VISIONS;

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** "#rrggbb" as linear sRGB, 0 to 1. */
function rgbOf(hex: string): [number, number, number] {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a "#rrggbb" colour: ${hex}`);
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => linear(v / 255)) as [number, number, number];
}

/**
 * `top` at `alpha` over `under` ("#rrggbb" each), as a browser composites it (in gamma-encoded sRGB): a
 * translucent band or area as it is seen.
 */
export function over(top: string, alpha: number, under: string): string {
  const parts = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  const [a, b] = [parts(top), parts(under)];
  return `#${a.map((v, i) => Math.round(v * alpha + b[i]! * (1 - alpha)).toString(16).padStart(2, '0')).join('')}`;
}

/** A "#rrggbb" colour in CIELAB (D65), as seen with `vision`. */
export function lab(hex: string, vision: Vision = 'normal'): [number, number, number] {
  const rgb = rgbOf(hex);
  const [r, g, b] = VISIONS[vision].map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]))) as [number, number, number];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (841 / 108) * t + 4 / 29);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const rad = Math.PI / 180;

/** CIEDE2000 between two CIELAB colours (kL = kC = kH = 1). */
export function deltaE2000([L1, a1, b1]: readonly number[], [L2, a2, b2]: readonly number[]): number {
  const C1 = Math.hypot(a1!, b1!);
  const C2 = Math.hypot(a2!, b2!);
  const Cm7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cm7 / (Cm7 + 25 ** 7)));
  const A1 = a1! * (1 + G);
  const A2 = a2! * (1 + G);
  const c1 = Math.hypot(A1, b1!);
  const c2 = Math.hypot(A2, b2!);
  const hue = (a: number, b: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1 = hue(A1, b1!);
  const h2 = hue(A2, b2!);
  const dL = L2! - L1!;
  const dC = c2 - c1;
  let dh = 0;
  if (c1 * c2 !== 0) dh = Math.abs(h2 - h1) <= 180 ? h2 - h1 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * rad);
  const Lm = (L1! + L2!) / 2;
  const cm = (c1 + c2) / 2;
  let hm = h1 + h2;
  if (c1 * c2 !== 0) hm = Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
  const SL = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const SC = 1 + 0.045 * cm;
  const SH = 1 + 0.015 * cm * T;
  const cm7 = cm ** 7;
  const RT = -2 * Math.sqrt(cm7 / (cm7 + 25 ** 7)) * Math.sin(60 * Math.exp(-(((hm - 275) / 25) ** 2)) * rad);
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

/** How far apart "#rrggbb" colours `a` and `b` look with `vision`, in ΔE2000. */
export const distance = (a: string, b: string, vision: Vision = 'normal'): number => deltaE2000(lab(a, vision), lab(b, vision));
