// How the device prints a moment: `Nov 9 23:46:35 2017 UTC`, the shape of seed 002's
// `show license all`, always in UTC.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function deviceTime(ms: number): string {
  const d = new Date(ms);
  const time = d.toISOString().slice(11, 19);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${time} ${d.getUTCFullYear()} UTC`;
}
