/**
 * The trend chart's styles (its series and sparklines), adopted by the element's shadow root
 * when the chart first arrives (trend.ts); the frame of the chart, also drawn while it loads or
 * failed (`.trend`), stays with the element's own styles.
 */
import { css } from 'lit';

export const trendStyles = css`
  :host {
    --erp-sync-chart-integrated: var(--erp-sync-color-accent);
    --erp-sync-chart-rejected: var(--erp-sync-color-danger);
  }

  .trend figcaption {
    flex-basis: 100%;
    font-weight: 600;
  }

  .series {
    display: flex;
    align-items: center;
    gap: calc(var(--erp-sync-spacing) / 2);
  }

  .series-label {
    color: var(--erp-sync-color-muted);
    font-size: var(--erp-sync-font-size-small);
  }

  .series-last {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  svg.sparkline {
    width: 12rem;
    height: 2.5rem;
    overflow: visible;
  }

  svg.sparkline .line {
    fill: none;
    stroke-width: 2;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }

  svg.sparkline .area {
    stroke: none;
    opacity: 0.12;
  }

  svg.sparkline.integrated .line {
    stroke: var(--erp-sync-chart-integrated);
  }

  svg.sparkline.integrated .last,
  svg.sparkline.integrated .area {
    fill: var(--erp-sync-chart-integrated);
  }

  svg.sparkline.rejected .line {
    stroke: var(--erp-sync-chart-rejected);
  }

  svg.sparkline.rejected .last,
  svg.sparkline.rejected .area {
    fill: var(--erp-sync-chart-rejected);
  }
`;
