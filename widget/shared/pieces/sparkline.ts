/**
 * A sparkline: one series as a light inline SVG (no chart library), drawn into the caller's
 * shadow root. The SVG is role="img" with the caller's summary as its accessible name, since
 * a line means nothing to a screen reader. Each series gets its own vertical scale: integrated
 * counts in thousands would flatten tens of rejections on a shared axis.
 * Children are `svg` templates: an `html` one would create HTML elements, not SVG ones.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';

export interface SparklineOptions {
  values: readonly number[];
  /** The text alternative (role="img" aria-label): what, over when, range, last value. */
  label: string;
  width?: number;
  height?: number;
  part?: string;
  className?: string;
}

/** Points of the polyline in a width × height box, with a margin so the stroke is not clipped. */
export function sparklinePoints(values: readonly number[], width: number, height: number): [number, number][] {
  const pad = 3;
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values.map((v, i) => {
    const x = values.length > 1 ? pad + i * step : width / 2;
    // A flat series sits mid-height: at the bottom it would read as "zero".
    const y = span === 0 ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  });
}

export function renderSparkline(o: SparklineOptions): TemplateResult {
  const width = o.width ?? 240;
  const height = o.height ?? 48;
  const points = sparklinePoints(o.values, width, height);
  const line = points.map(([x, y]) => `${x},${y}`).join(' ');
  const last = points[points.length - 1];
  const area = points.length > 1 ? `M${points[0][0]},${height} L${line.replaceAll(' ', ' L')} L${last[0]},${height} Z` : '';
  return html`<svg
    class="sparkline ${o.className ?? ''}"
    part=${o.part ?? 'sparkline'}
    role="img"
    aria-label=${o.label}
    viewBox="0 0 ${width} ${height}"
    width=${width}
    height=${height}
    preserveAspectRatio="none"
    focusable="false"
  >
    ${area ? svg`<path class="area" d=${area}></path>` : nothing}
    ${points.length ? svg`<polyline class="line" points=${line}></polyline>` : nothing}
    ${last ? svg`<circle class="last" cx=${last[0]} cy=${last[1]} r="2.5"></circle>` : nothing}
  </svg>`;
}
