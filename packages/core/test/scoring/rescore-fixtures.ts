/** What the re-score property tests share: the unit categories and the three grades their gradings use. */
export const cats = ['town', 'street'];
export const grades = [
  { code: 'A', name: '优秀' },
  { code: 'B', name: '良好' },
  { code: 'C', name: '一般' },
];
