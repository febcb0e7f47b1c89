import type { ChannelKind } from '../../shared/domain/channels.ts';

// Each brand colour is darkened just enough for the white glyph to reach 4.5:1 (WCAG AA).
const LOOK: Record<ChannelKind, { glyph: string; color: string; fg?: string }> = {
  email: { glyph: '@', color: '#5b6b7f' },
  facebook: { glyph: 'f', color: '#0d6fed' },
  instagram: { glyph: 'IG', color: '#c13584' },
  whatsapp: { glyph: 'WA', color: '#188541' },
  // Black in the light theme, light in the dark one (styles.css).
  x: { glyph: '𝕏', color: 'var(--channel-x)', fg: 'var(--channel-x-fg)' },
  mastodon: { glyph: 'M', color: '#5e5fff' },
  bluesky: { glyph: 'B', color: '#006ff2' },
  trustpilot: { glyph: '★', color: '#008454' },
  google: { glyph: 'G', color: '#d93025' },
  appstore: { glyph: 'A', color: '#0071e6' },
  forum: { glyph: '#', color: '#a0522d' },
  other: { glyph: '·', color: '#757575' },
};

/** A small coloured badge per channel; the name is for screen readers and tooltips. */
export function ChannelIcon({
  channel,
  label,
  size = 20,
}: {
  channel: ChannelKind;
  label: string;
  size?: number;
}) {
  const look = LOOK[channel];
  return (
    <span
      className="channel-icon"
      role="img"
      aria-label={label}
      title={label}
      style={{
        background: look.color,
        color: look.fg,
        width: size,
        height: size,
        fontSize: look.glyph.length > 1 ? size * 0.42 : size * 0.58,
      }}
    >
      {look.glyph}
    </span>
  );
}
