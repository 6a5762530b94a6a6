// ua-parser-js 1.x ships no types: the small part the core uses.
declare module 'ua-parser-js' {
  interface UAParserResult {
    browser: { name?: string; version?: string };
    os: { name?: string; version?: string };
    device: { type?: string; vendor?: string; model?: string };
  }
  function UAParser(ua?: string): UAParserResult;
  export default UAParser;
}
