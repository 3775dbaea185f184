/**
 * A small real icon per account type, as the API sends it in `icon`: base64 PNG data, no data: prefix.
 * Each is a 32x32 RGBA PNG, a rounded square in the platform's primary_color with a white pixel glyph
 * (X, in, SN, f). They were drawn once by a script (raw scanlines, zlib deflate, CRC32 chunks) and
 * embedded here so the simulator needs no image files at run time.
 */

const ICONS: Readonly<Record<string, string>> = {
  'twitter-sync':
    'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAhUlEQVR42u2XQQrAIAwE5y99o7/0QzlZCiIW2lJFjKUbyMmQHUOUBM4WgAgYkAa75dyBC9vyYZrkMWsWmyleQ5SyJycPXrc/VeGx4Wp7k7Qx/tAemrA5XgACoOXZ3CXvEBVAH8BAUQGoCT8EoK9YAL8AMMep2JYYy90XE/fVbInl1G093wGUpTrhGq54zQAAAABJRU5ErkJggg==',
  'linkedin-sync':
    'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAlklEQVR42u2XwQnAIAxFc84a3S0buGDOLuTJQlERoW0orV+qgQ9C0P/UgIZYlCo5FvUsGlg0vqyQ1na1Zx5sKRk7ySfPAtDTvIagfOwRJIfafTkF+qjgzIVJQPNDC8AEkGNegHlroA3rFVnnjQ9gLcI7w6v5/wJ4kl8AYwOcxTwA6y3oBQD/lMK/5fDGBN6aDdGcwtrzHeE3PBiRcTLTAAAAAElFTkSuQmCC',
  'sales-nav-sync':
    'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAm0lEQVR42u2XUQ6AIAiGuUtHZB6Me3ghn+whKushWDN/K93+TafCJ2MOiFioUCCWSCyJWHJlJbUdDj51MulmbqSoPjeAls5LCFrDnkEKqNfvUXgo4fyJCXS+aABcbVrjfM6y8x4Ay6AF+l8A77p/ACsJvcDWvf4B7oa82j8wAGAA3i/4uwCjHmgNAC9K4WU5vDGBt2ZdNKew9nwGMCVZ/DyrkqcAAAAASUVORK5CYII=',
  'facebook-sync':
    'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAiUlEQVR42u2XQQoAIQhFPYb7OWN4yU7jzpWzqWgzUCFZg8KHIOi/5C8UkBg6JSTOSCxIrMaS8nbqPevhKZe6Sbl4NoCd5j0E1Lark5LX71sXYDVwXzUbTFilNwLQuwBGjGZhAsAcwD0D/wMYqQCIEAZAAATA9QDiOBXLEWO5+2LivpodsZy6recvO7x0f2QD+pIAAAAASUVORK5CYII=',
};

/** A grey question mark, for an account type the simulator does not know. */
export const UNKNOWN_TYPE_ICON =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAjUlEQVR42u2XQQoAIQhFvcscz53Q3gN2IVfOpqLlCNVvwEAIKv9LNJJYlCYrLFpZ1FjUF5s132XW7JOnLfohq01zAJwUnyGoh91BVlC3H1GgSMJ9GdHEpMiBDQB+P0DUeXR/AtDq0koACMCxdyABVokmwNYyTIBMwl8CGDAH7IpvObwxgbdmVzSnsPb8Bcl31RyCuhyvAAAAAElFTkSuQmCC';

/** The base64 PNG icon of an account type (the grey one for an unknown type). */
export function iconForType(type: string): string {
  return ICONS[type] ?? UNKNOWN_TYPE_ICON;
}

/** The account types that have their own icon. */
export const ICON_TYPES: readonly string[] = Object.keys(ICONS);
