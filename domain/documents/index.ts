// Official documents (执法文书): formats, templates, numbering, rules and the print view. Pure.
export * from './chinese-format';
export * from './types';
export * from './enforcement-templates';
export * from './case-templates';
export * from './plan-templates';
export * from './numbering';
export * from './rules';
export * from './render-html';
