#!/usr/bin/env python3
"""Generates a synthetic Next.js monorepo of N source files (default 20,000) for the scan benchmark.

Deterministic (seeded): apps/web-K are Next.js App Router apps with route handlers, server components,
client components and lib modules importing each other through the `@/` alias; packages/* are shared
workspace packages. A few files carry the problems the rules look for, so the rules do real work.
"""
import json
import os
import random
import sys

def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    rnd = random.Random(42)
    apps = max(1, total // 2000)
    per_app = total // apps
    written = 0
    os.makedirs(out, exist_ok=True)
    write(out, "package.json", json.dumps({"name": "bench", "private": True, "workspaces": ["apps/*", "packages/*"]}))
    write(out, "packages/db/package.json", json.dumps({"name": "@bench/db", "main": "src/index.ts", "dependencies": {"@prisma/client": "6.0.0"}}))
    write(out, "packages/db/src/index.ts", DB_MODULE)
    written += 1
    for a in range(apps):
        base = f"apps/web-{a}"
        write(out, f"{base}/package.json", json.dumps({"name": f"@bench/web-{a}", "dependencies": {"next": "15.1.0", "react": "19.0.0", "@bench/db": "*", "openai": "4.70.0", "zod": "3.23.8"}}))
        write(out, f"{base}/tsconfig.json", json.dumps({"compilerOptions": {"strict": True, "paths": {"@/*": ["./src/*"]}}}))
        write(out, f"{base}/vercel.json", "{}")
        write(out, f"{base}/.env.example", "DATABASE_URL=postgres://USER:PASSWORD@HOST:6543/db?pgbouncer=true&connection_limit=1\n")
        libs = max(10, per_app // 10)
        for i in range(libs):
            write(out, f"{base}/src/lib/mod{i}.ts", lib_module(rnd, i, libs))
        written += libs
        remaining = per_app - libs
        for i in range(remaining):
            kind = i % 4
            if kind == 0:
                write(out, f"{base}/src/app/api/r{i}/route.ts", route(rnd, i, libs))
            elif kind == 1:
                write(out, f"{base}/src/app/p{i}/page.tsx", page(rnd, i, libs))
            elif kind == 2:
                write(out, f"{base}/src/components/C{i}.tsx", component(rnd, i))
            else:
                write(out, f"{base}/src/app/actions/a{i}.ts", action(rnd, i, libs))
        written += remaining
    print(f"generated {written} source files in {out}")

def write(out, rel, text):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

DB_MODULE = """import { PrismaClient } from "@prisma/client";

const g = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = g.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== "production") g.prisma = prisma;
"""

def lib_module(rnd, i, libs):
    dep = rnd.randrange(libs)
    body = "\n".join(
        f"""export async function helper{i}_{k}(input: {{ id: string; limit?: number }}) {{
  // fetch a page of records; keep the query small
  const rows = await prisma.item.findMany({{ where: {{ ownerId: input.id }}, take: input.limit ?? 20 }});
  const label = `item ${{input.id}} has ${{rows.length}} rows`;
  return rows.map((r) => ({{ ...r, label, score: /\\d+/.test(r.name) ? 1 : 0 }}));
}}"""
        for k in range(3))
    extra = "" if dep == i else f'import {{ helper{dep}_0 }} from "@/lib/mod{dep}";\n'
    return f'import {{ prisma }} from "@bench/db";\n{extra}\n{body}\n'

def route(rnd, i, libs):
    lib = rnd.randrange(libs)
    if i % 400 == 0:
        return f"""import {{ PrismaClient }} from "@prisma/client";

export async function POST(req: Request) {{
  const prisma = new PrismaClient();
  const body = await req.json();
  await prisma.event.create({{ data: body }});
  return Response.json({{ ok: true }});
}}
"""
    return f"""import {{ NextResponse }} from "next/server";
import {{ z }} from "zod";
import {{ helper{lib}_1 }} from "@/lib/mod{lib}";

const Query = z.object({{ id: z.string().min(1), limit: z.coerce.number().max(100).optional() }});

export async function GET(req: Request) {{
  const url = new URL(req.url);
  const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {{
    return NextResponse.json({{ error: parsed.error.flatten() }}, {{ status: 400 }});
  }}
  const items = await helper{lib}_1(parsed.data);
  return NextResponse.json({{ items, route: "/api/r{i}" }});
}}
"""

def page(rnd, i, libs):
    lib = rnd.randrange(libs)
    return f"""import {{ helper{lib}_2 }} from "@/lib/mod{lib}";
import {{ C{(i + 1) // 4 * 4 + 2} as Card }} from "@/components/C{(i + 1) // 4 * 4 + 2}";

export default async function Page{i}({{ params }}: {{ params: {{ id: string }} }}) {{
  const rows = await helper{lib}_2({{ id: params.id }});
  return (
    <main className="page">
      <h1>Items for {{params.id}} — don't create new PrismaClient() here</h1>
      <ul>{{rows.map((r) => <li key={{r.id}}><Card title={{r.label}} /></li>)}}</ul>
    </main>
  );
}}
"""

def component(rnd, i):
    return f""""use client";
import {{ useState }} from "react";

export function C{i}({{ title }}: {{ title: string }}) {{
  const [open, setOpen] = useState(false);
  const cls = open ? "card open" : "card";
  return (
    <div className={{cls}} onClick={{() => setOpen(!open)}}>
      <h2>{{title}}</h2>
      {{open && <p>Details for {{title}}: a / b / c isn't a regex</p>}}
    </div>
  );
}}
"""

def action(rnd, i, libs):
    lib = rnd.randrange(libs)
    return f""""use server";
import {{ revalidatePath }} from "next/cache";
import {{ prisma }} from "@bench/db";
import {{ helper{lib}_0 }} from "@/lib/mod{lib}";

export async function save{i}(form: FormData) {{
  const name = String(form.get("name") ?? "").slice(0, 100);
  await prisma.item.create({{ data: {{ name }} }});
  await helper{lib}_0({{ id: name }});
  revalidatePath("/p{i}");
}}
"""

if __name__ == "__main__":
    main()
