import type { CSSProperties } from 'react';

/**
 * The inline style of a label badge: the label's own colour, which agents pick freely. The
 * border shows it as it is; styles.css clamps the text's lightness per theme so that any colour
 * reads at WCAG AA contrast on the list, the selected row and the conversation header.
 */
export function labelBadgeStyle(color: string | undefined): CSSProperties | undefined {
  return color ? ({ '--label-color': color } as CSSProperties) : undefined;
}
