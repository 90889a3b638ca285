/** The handful of line icons the UI uses, drawn at 16 px in the current text colour. */
import type { SVGProps } from 'react';

const base: SVGProps<SVGSVGElement> = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
};

export const RefreshIcon = () => (
  <svg {...base}>
    <path d="M13.2 6.5A5.5 5.5 0 0 0 3 5.2M2.8 9.5A5.5 5.5 0 0 0 13 10.8" />
    <path d="M3 2.5v2.9h2.9M13 13.5v-2.9h-2.9" />
  </svg>
);

export const CloseIcon = () => (
  <svg {...base}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </svg>
);

export const ArrowUpIcon = () => (
  <svg {...base}>
    <path d="M8 13V3M4 7l4-4 4 4" />
  </svg>
);

export const SearchIcon = () => (
  <svg {...base}>
    <circle cx="7" cy="7" r="4.2" />
    <path d="M10.2 10.2 13.5 13.5" />
  </svg>
);

export const StreamsGlyph = () => (
  <svg {...base} width={18} height={18}>
    <path d="M2 4.5h8M2 8h12M2 11.5h6" />
    <circle cx="12.5" cy="4.5" r="1.2" />
    <circle cx="10.5" cy="11.5" r="1.2" />
  </svg>
);
