/**
 * The page of a 公文 (GB/T 9704-2012 党政机关公文格式), in twips (1/1440 inch) unless named otherwise.
 *
 * §5.2.1 A4 (210 mm × 297 mm); §5.2.2 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm, hence the bottom
 * margin 297 − 37 − 225 = 35 mm and the right 210 − 28 − 156 = 26 mm; §7.1 一般每面排 22 行，每行排
 * 28 个字，并撑满版心 (3号 仿宋): a line grid of 22 lines and text condensed to 28 characters a line.
 */
export const mm = (v: number): number => Math.round((v / 25.4) * 1440);

export const PAGE = { width: mm(210), height: mm(297) } as const;
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** 3号 = 16 pt, the size the character grid is measured against. */
export const BODY_PT = 16;

/** Line pitch that fits 22 lines in the 225 mm 版心 (579 twips ≈ 28.95 pt). */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);
/** One grid character: 156 mm / 28 (≈ 15.8 pt, a little narrower than 3号). */
export const CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE;
/**
 * 28 characters of 3号 (16 pt) are 448 pt, the 版心 is 442.2 pt: each 3号 character is condensed by
 * 0.25 pt (w:spacing −5, in 1/20 pt) to 15.75 pt, so 28 fit (441 pt) and a 29th does not. A line
 * grid (22 lines) with condensed text sets the same in Word, WPS and LibreOffice, which a character
 * grid does not (LibreOffice gives a 16 pt character two cells of a 15.8 pt grid).
 */
export const BODY_CONDENSE = -Math.ceil((BODY_PT - CHAR_PITCH / 20) * 20);

/** §7.5.3 页码: the 一字线 7 mm below the 版心; the 4号 line's lower edge is about 10 mm below that. */
export const FOOTER_DISTANCE = mm(25);

/** n grid characters (for indents: 左空二字, 右空四字). */
export const chars = (n: number): number => Math.round(n * CHAR_PITCH);
/** n grid lines (for 空二行 spacing). */
export const lines = (n: number): number => n * LINE_PITCH;
/** Half-points, the unit of w:sz. */
export const halfPoints = (pt: number): number => Math.round(pt * 2);
