export { pytorchInitSnippet, pytorchScript } from './script';
