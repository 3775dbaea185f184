/**
 * A form error says which field it is about in its own words: "Check every (minutes): …", unless
 * the message names the field already.
 */
export function withFieldLabel(label: string, message: string): string {
  return message.toLowerCase().includes(label.toLowerCase()) ? message : `${label}: ${message}`;
}
