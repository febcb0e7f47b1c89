import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml, stripRemoteCss } from './sanitize.ts';

describe('email HTML sanitizing', () => {
  it('removes scripts, handlers, forms, frames and javascript: links', () => {
    const { html } = sanitizeEmailHtml(
      '<p onclick="steal()">Hoi</p><script>alert(1)</script><form action="https://evil.example"><input name="pw"></form>' +
        '<iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">klik</a><a href="https://example.nl/x">ok</a>' +
        '<object data="x.swf"></object><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
    );
    expect(html).not.toMatch(/script|onclick|<form|<input|<iframe|javascript:|<object|<meta|<base/i);
    expect(html).toContain('<p>Hoi</p>');
    expect(html).toContain('<a rel="noopener noreferrer">klik</a>');
    expect(html).toContain('<a href="https://example.nl/x" rel="noopener noreferrer">ok</a>');
  });

  it('blocks remote images and CSS urls by default and says which', () => {
    const result = sanitizeEmailHtml(
      '<img src="https://tracker.example.com/p.gif" width="1"><img src="//cdn.example.com/logo.png">' +
        '<img src="cid:logo@x"><img src="data:image/png;base64,iVBOR">' +
        '<div style="background:url(https://tracker.example.com/bg.png); color: red">x</div>' +
        '<style>@import url(https://evil.example/a.css); .a { background-image: url("https://t.example/b.png") }</style>' +
        '<img srcset="https://t.example/2x.png 2x" src="https://tracker.example.com/p.gif">',
    );
    expect(result.blocked).toEqual(['https://tracker.example.com/p.gif', 'https://cdn.example.com/logo.png']);
    expect(result.embedded).toBe(1);
    expect(result.html).not.toMatch(/ src="https?:|srcset|@import|url\(https|url\("https/);
    expect(result.html).toContain('data:image/png;base64,iVBOR');
    expect(result.html).toContain('color: red');
    expect(result.html).toContain('data-blocked-src="https://tracker.example.com/p.gif"');
  });

  it('shows the images main fetched once the agent chose to load them', () => {
    const loaded = new Map([['https://cdn.example.com/logo.png', 'data:image/png;base64,AAAA']]);
    const result = sanitizeEmailHtml(
      '<img src="//cdn.example.com/logo.png"><img src="https://t.example/p.gif">',
      loaded,
    );
    expect(result.html).toContain('src="data:image/png;base64,AAAA"');
    expect(result.blocked).toEqual(['https://t.example/p.gif']);
  });

  it('keeps data: urls in CSS and drops every other url()', () => {
    expect(
      stripRemoteCss('a{background:url(data:image/png;base64,AA)} b{background:url( "http://x/y" )}'),
    ).toBe('a{background:url(data:image/png;base64,AA)} b{background:none}');
  });
});
