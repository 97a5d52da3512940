export { CSV_COLUMNS, csvNumber, csvText, type LabelledRun, recordsToCsv, runsToCsv } from './csv';
export { exportBaseName, exportFileName } from './filename';
export { type ExportDocument, toExportJson } from './json';
