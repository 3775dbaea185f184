/** A person's name for Node's platform id ("darwin" → "macOS"); unknown ids are shown as they are. */
export function platformName(platform: string): string {
  switch (platform) {
    case 'darwin':
      return 'macOS';
    case 'win32':
      return 'Windows';
    case 'linux':
      return 'Linux';
    default:
      return platform;
  }
}
