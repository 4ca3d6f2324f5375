package com.architectreviewer.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import org.junit.jupiter.api.Test;

class RequestFlowTest {

  private record Parsed(JsModule module, RequestFlow flow) {
    Call call(String callee) {
      return module.calls().stream()
          .filter(c -> c.callee().equals(callee))
          .findFirst()
          .orElseThrow();
    }
  }

  private static Parsed post(String body) {
    var module =
        JsModule.parse(
            "app/api/x/route.ts", "export async function POST(req: Request) {\n" + body + "\n}\n");
    int fn = module.exports().get("POST").functionScope();
    return new Parsed(module, new RequestFlow(module, fn, false, false, call -> false));
  }

  @Test
  void aBodyReadFromTheRequestIsRawUntilValidated() {
    var p = post("const body = await req.json();\nawait prisma.user.create({ data: body });");
    assertThat(p.flow().rawInputIn(p.call("prisma.user.create"))).isPositive();
  }

  @Test
  void parsingWithASchemaValidates() {
    var p = post("const data = User.parse(await req.json());\nawait prisma.user.create({ data });");
    assertThat(p.flow().rawInputIn(p.call("prisma.user.create"))).isNegative();
  }

  @Test
  void safeParseDataIsValidated() {
    var p =
        post(
            "const parsed = User.safeParse(await req.json());\n"
                + "if (!parsed.success) return new Response('bad', { status: 400 });\n"
                + "await prisma.user.create({ data: parsed.data });");
    assertThat(p.flow().rawInputIn(p.call("prisma.user.create"))).isNegative();
  }

  @Test
  void anAssertingValidatorCallValidatesTheNameFromThenOn() {
    var p =
        post(
            "const body = await req.json();\n"
                + "await db.log.create({ data: body });\n"
                + "User.parse(body);\n"
                + "await prisma.user.create({ data: body });");
    assertThat(p.flow().rawInputIn(p.call("db.log.create"))).isPositive();
    assertThat(p.flow().rawInputIn(p.call("prisma.user.create"))).isNegative();
  }

  private static Parsed in(String file, String header, String body) {
    var module = JsModule.parse(file, header + "\n" + body + "\n}\n");
    int fn = module.exports().values().iterator().next().functionScope();
    return new Parsed(module, new RequestFlow(module, fn, false, false, call -> false));
  }

  @Test
  void aDynamicSegmentReadFromTheQueryIsARouteParameter() {
    var p =
        in(
            "pages/api/messages/[messageId].ts",
            "export default async function handler(req, res) {",
            "const { messageId, note } = req.query;\n"
                + "await prisma.message.update({ where: { id: String(messageId) }, data: { deleted: true } });\n"
                + "await prisma.audit.create({ data: { note } });");
    assertThat(p.flow().rawInputIn(p.call("prisma.message.update"))).isNegative();
    assertThat(p.flow().rawInputIn(p.call("prisma.audit.create"))).isPositive();
  }

  @Test
  void aVerifiedWebhookEventAndARecordFetchedByIdAreNotClientInput() {
    var p =
        post(
            "const payload = await req.text();\n"
                + "const event = stripe.webhooks.constructEvent(payload, sig, secret);\n"
                + "await prisma.subscription.create({ data: { id: event.id } });\n"
                + "const { sessionId } = await req.json();\n"
                + "const session = await stripe.checkout.sessions.retrieve(sessionId);\n"
                + "await prisma.team.update({ where: { id: 1 }, data: { customer: session.customer } });");
    assertThat(p.flow().rawInputIn(p.call("prisma.subscription.create"))).isNegative();
    assertThat(p.flow().rawInputIn(p.call("prisma.team.update"))).isNegative();
  }

  @Test
  void aTypeGuardInAConditionChecksTheValueAndJsonParseDoesNot() {
    var p =
        post(
            "const { title } = await req.json();\n"
                + "const raw = JSON.parse(await req.text());\n"
                + "if (typeof title !== 'string' || title.length > 200) return new Response('bad', { status: 400 });\n"
                + "await prisma.note.create({ data: { title } });\n"
                + "await prisma.log.create({ data: raw });");
    assertThat(p.flow().rawInputIn(p.call("prisma.note.create"))).isNegative();
    assertThat(p.flow().rawInputIn(p.call("prisma.log.create"))).isPositive();
  }

  @Test
  void aDestructuredRequestParameterIsTheRequest() {
    var p =
        in(
            "src/routes/api/notes/+server.ts",
            "export const POST = async ({ request, locals }) => {",
            "const body = await request.json();\nawait db.insert(notes).values(body);");
    assertThat(p.flow().rawInputIn(p.call(".values"))).isPositive();
  }

  @Test
  void parametersAreFoundPastAReturnTypeWithATypeLiteral() {
    var module =
        JsModule.parse(
            "lib/ai.ts",
            "const extract = async (text: string, retries = 2): Promise<{ data?: T; error?: string }>"
                + " => { return run(text); };\nexport { extract };\n");
    int fn = module.moduleDeclaration("extract").orElseThrow().functionScope();
    assertThat(JsQueries.paramNames(module, fn)).containsExactly("text", "retries");
  }

  @Test
  void aHashOfTheInputIsNotTheInput() {
    var p =
        post(
            "const { password, name } = await req.json();\n"
                + "const passwordHash = await hashPassword(password);\n"
                + "await prisma.account.update({ where: { id: 1 }, data: { passwordHash } });\n"
                + "await prisma.profile.update({ where: { id: 1 }, data: { name } });");
    assertThat(p.flow().rawInputIn(p.call("prisma.account.update"))).isNegative();
    assertThat(p.flow().rawInputIn(p.call("prisma.profile.update"))).isPositive();
  }

  @Test
  void destructuredFieldsCarryTheRequest() {
    var p =
        post(
            "const { title, content } = await req.json();\n"
                + "await prisma.post.create({ data: { title, content } });");
    assertThat(p.flow().rawInputIn(p.call("prisma.post.create"))).isPositive();
  }

  @Test
  void requestInputInCommentsAndStringsIsNotInput() {
    var p =
        post(
            "// const body = await req.json()\n"
                + "const note = 'req.body';\n"
                + "await prisma.post.create({ data: { note } });");
    assertThat(p.flow().rawInputIn(p.call("prisma.post.create"))).isNegative();
  }

  @Test
  void memberPathsOfTheRequestAreClientChosenButComputedValuesAreNot() {
    var p =
        post(
            "const input = Body.parse(await req.json());\n"
                + "const model = ALLOWED.includes(input.model) ? input.model : 'gpt-4o-mini';\n"
                + "await openai.chat.completions.create({ model, max_tokens: input.max_tokens,"
                + " n: Math.min(input.n, 2) });");
    var t = p.module().tokens();
    int modelShorthand = -1;
    int maxTokens = -1;
    int n = -1;
    var call = p.call("openai.chat.completions.create");
    for (int k = call.openParen(); k < call.closeParen(); k++) {
      if (t.get(k).isIdent("model") && t.get(k + 1).isPunct(",")) {
        modelShorthand = k;
      } else if (t.get(k).isIdent("max_tokens") && t.get(k + 1).isPunct(":")) {
        maxTokens = k + 2;
      } else if (t.get(k).isIdent("n") && t.get(k + 1).isPunct(":")) {
        n = k + 2;
      }
    }
    assertThat(p.flow().isClientChosen(modelShorthand, modelShorthand)).isFalse();
    assertThat(p.flow().isClientChosen(maxTokens, maxTokens + 2)).isTrue();
    assertThat(p.flow().isClientChosen(n, n + 7)).isFalse();
  }
}
