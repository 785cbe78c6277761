import pg from 'pg';

/** The server benches create their databases on (PRESTABRIDGE_BENCH_PG_URL, else the tests' URL). */
export const benchAdminUrl =
  process.env.PRESTABRIDGE_BENCH_PG_URL ??
  process.env.PRESTABRIDGE_TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database for one bench run: its URL, and `drop()` to remove it afterwards. */
export async function temporaryPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: benchAdminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database "${name}"`);
  const url = new URL(benchAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}
