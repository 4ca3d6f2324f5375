package com.architectreviewer.review.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsModuleTest {

  private static List<String> identifiers(String file, String source) {
    return JsModule.parse(file, source).tokens().stream()
        .filter(Token::isIdent)
        .map(Token::text)
        .toList();
  }

  @Test
  void commentsStringsTemplatesRegexAndJsxTextNeverYieldCode() {
    var source =
        """
        // new PrismaClient()
        /* new PrismaClient() */
        const a = "new PrismaClient()";
        const b = 'new PrismaClient()';
        const c = `new PrismaClient() ${ real() }`;
        const d = /new PrismaClient\\(\\)/g;
        const e = <p>Do not call new PrismaClient() here</p>;
        """;
    var ids = identifiers("x.tsx", source);
    assertThat(ids).doesNotContain("PrismaClient").contains("real");
    var calls = JsModule.parse("x.tsx", source).calls().stream().map(Call::callee).toList();
    assertThat(calls).containsExactly("real");
  }

  @Test
  void aCallInAConditionalInsideABlockStaysACall() {
    var source =
        """
        export async function POST(req: Request) {
          try {
            const client = key ? new Anthropic({ apiKey: key }) : null;
            const picked = fast ? pickModel(req) : "default";
            await prisma.user.delete({ where: { id: 1 } });
            promise.catch(report);
          } catch (error) {}
        }
        class Store {
          load(id: string): Promise<void> {
            return fetchItem(id);
          }
        }
        """;
    var calls = JsModule.parse("a.ts", source).calls().stream().map(Call::callee).toList();
    assertThat(calls)
        .contains("Anthropic", "pickModel", "prisma.user.delete", "promise.catch", "fetchItem")
        .doesNotContain("load");
  }

  @Test
  void denoAndCdnSpecifiersNameTheirPackageAndAliasesNameNone() {
    assertThat(Import.packageOf("npm:openai@4.20.0")).isEqualTo("openai");
    assertThat(Import.packageOf("jsr:@supabase/supabase-js@2")).isEqualTo("@supabase/supabase-js");
    assertThat(Import.packageOf("https://esm.sh/@supabase/supabase-js@2.54.0"))
        .isEqualTo("@supabase/supabase-js");
    assertThat(Import.packageOf("https://deno.land/x/openai@v4.20.0/mod.ts")).isEqualTo("openai");
    assertThat(Import.packageOf("@anthropic-ai/sdk/resources")).isEqualTo("@anthropic-ai/sdk");
    assertThat(Import.packageOf("https://deno.land/std@0.168.0/http/server.ts")).isEmpty();
    assertThat(Import.packageOf("@/utils/makechain")).isEmpty();
    assertThat(Import.packageOf("$lib/server/openai")).isEmpty();
    assertThat(Import.packageOf("~/server/utils/db")).isEmpty();
  }

  @Test
  void divisionIsNotARegex() {
    var module = JsModule.parse("m.ts", "const r = a / b / c; foo(r);");
    assertThat(module.calls()).extracting(Call::callee).containsExactly("foo");
    assertThat(module.tokens()).noneMatch(t -> t.kind() == TokenKind.REGEX);
  }

  @Test
  void tellsModuleScopeFromFunctionScope() {
    var module =
        JsModule.parse(
            "route.ts",
            """
            import { PrismaClient } from "@prisma/client";
            const top = new PrismaClient();
            export async function GET(req: Request): Promise<Response> {
              const inner = new PrismaClient();
              return Response.json({});
            }
            export const POST = async (req) => new PrismaClient();
            class Repo { find() { return new PrismaClient(); } }
            """);
    var prisma = module.calls().stream().filter(c -> c.callee().equals("PrismaClient")).toList();
    assertThat(prisma).hasSize(4);
    assertThat(module.isModuleLevel(prisma.get(0).scope())).isTrue();
    assertThat(module.isModuleLevel(prisma.get(1).scope())).isFalse();
    assertThat(module.scope(module.enclosingFunction(prisma.get(1).scope())).name())
        .isEqualTo("GET");
    assertThat(module.isModuleLevel(prisma.get(2).scope())).isFalse();
    assertThat(module.scope(module.enclosingFunction(prisma.get(2).scope())).name())
        .isEqualTo("POST");
    assertThat(module.scope(module.enclosingFunction(prisma.get(3).scope())).name())
        .isEqualTo("find");
    assertThat(module.exports()).containsKeys("GET", "POST");
    assertThat(module.exports().get("POST").functionScope())
        .isEqualTo(module.enclosingFunction(prisma.get(2).scope()));
  }

  @Test
  void readsEsmCommonJsDynamicImportsAndReexports() {
    var module =
        JsModule.parse(
            "a.js",
            """
            import OpenAI, { toFile as tf } from "openai";
            import * as db from "@/lib/db";
            const { Pool } = require("pg");
            const redis = require("ioredis");
            export { handler as default } from "./handler";
            export * from "./more";
            async function load() { const { z } = await import("zod"); }
            """);
    assertThat(module.imports())
        .extracting(Import::specifier, Import::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("openai", Import.ImportKind.ESM),
            org.assertj.core.groups.Tuple.tuple("@/lib/db", Import.ImportKind.ESM),
            org.assertj.core.groups.Tuple.tuple("pg", Import.ImportKind.COMMONJS),
            org.assertj.core.groups.Tuple.tuple("ioredis", Import.ImportKind.COMMONJS),
            org.assertj.core.groups.Tuple.tuple("./handler", Import.ImportKind.REEXPORT),
            org.assertj.core.groups.Tuple.tuple("./more", Import.ImportKind.REEXPORT),
            org.assertj.core.groups.Tuple.tuple("zod", Import.ImportKind.DYNAMIC));
    assertThat(module.importOf("tf").orElseThrow().imported()).isEqualTo("toFile");
    assertThat(module.importOf("OpenAI").orElseThrow().imported()).isEqualTo("default");
    assertThat(module.importOf("db").orElseThrow().imported()).isEqualTo("*");
    assertThat(module.importOf("Pool").orElseThrow().from().specifier()).isEqualTo("pg");
    assertThat(module.importOf("z").orElseThrow().from().specifier()).isEqualTo("zod");
  }

  @Test
  void readsUseServerDirectivesAndCommonJsExports() {
    var action = JsModule.parse("actions.ts", "\"use server\";\nexport async function save() {}\n");
    assertThat(action.hasDirective("use server")).isTrue();
    var cjs = JsModule.parse("h.js", "function handler(req, res) {}\nmodule.exports = handler;\n");
    assertThat(cjs.exports().get("default").local()).isEqualTo("handler");
  }

  @Test
  void neverThrowsOnBrokenInput() {
    for (var broken :
        List.of(
            "const a = `unterminated ${",
            "function (",
            "<div attr={",
            "'open",
            "/* open",
            "a = /re")) {
      assertThat(JsModule.parse("b.tsx", broken).tokens()).isNotNull();
    }
  }
}
