export { writeGongwenDocx, type GongwenAttachment, type GongwenBlock, type GongwenColumn, type GongwenDocument, type GongwenRecord, type GongwenTable } from './gongwen-docx';
export { chineseDate, tongbaoDocument, tongbaoResults, writeTongbaoDocx, type TongbaoGradeList, type TongbaoGroup, type TongbaoInput, type TongbaoRow } from './tongbao';
