/**
 * Reads a secret (a password) the way a command-line tool should: at a terminal, asked on stderr
 * with nothing echoed; from a pipe (`printf '%s\n' "$PASSWORD" | prestabridge users add …`), the
 * first line of stdin. Never from an argument, which would land in shell history and `ps`.
 */
export async function readSecret(prompt: string, confirm?: string): Promise<string> {
  if (!process.stdin.isTTY) return firstLine(process.stdin);
  const secret = await askHidden(prompt);
  if (confirm !== undefined && (await askHidden(confirm)) !== secret)
    throw new Error('The two entries differ: nothing was changed.');
  return secret;
}

async function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string): void => {
        for (const character of chunk) {
          if (character === '\r' || character === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (character === '\u0003') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            reject(new Error('cancelled'));
            return;
          }
          if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
          else if (character >= ' ') typed += character;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
  }
  return text.replace(/\r?\n$/, '');
}
