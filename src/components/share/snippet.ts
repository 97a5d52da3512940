// The <iframe> snippet of the Embed dialog. The link goes inside an attribute, so it is escaped for one:
// quotes and angle brackets can never close the attribute or open a tag, whatever the link holds.
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function embedSnippet(src: string, width: number, height: number, title: string): string {
  return `<iframe src="${attr(src)}" width="${width}" height="${height}" style="border:0;max-width:100%" title="${attr(title)}" loading="lazy"></iframe>`;
}
