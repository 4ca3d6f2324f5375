package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where request input flows inside one handler: which local names hold request data, whether a
 * schema validator has checked it, and which hold a value taken directly from it (for client-chosen
 * LLM parameters). Intra-procedural and flow-ordered: a name is tainted from its declaration on.
 */
final class RequestFlow {

  /** What a name holds. */
  enum State {
    RAW,
    VALIDATED
  }

  private record Change(int at, String name, State state, boolean direct) {}

  static final Set<String> SOURCE_MEMBERS =
      Set.of(
          "json",
          "formData",
          "body",
          "query",
          "searchParams",
          "parseBody",
          "text",
          "blob",
          "queryStringParameters");

  /** h3/Nitro (Nuxt) readers of the request: {@code await readBody(event)}. */
  private static final Set<String> H3_READERS =
      Set.of("readBody", "readRawBody", "readFormData", "readMultipartFormData", "getQuery");

  static final Set<String> VALIDATORS =
      Set.of(
          "parse",
          "safeParse",
          "parseAsync",
          "safeParseAsync",
          "validate",
          "validateSync",
          "validateAsync",
          "attempt",
          "cast",
          "assert",
          "is",
          "Check",
          "Parse",
          "Decode",
          "mask",
          "decode",
          "assertType",
          // a signed webhook payload checked against its secret: stripe, svix, @octokit/webhooks
          "constructEvent",
          "constructEventAsync",
          "verify",
          "verifyWebhook");

  /** Server action parameters that carry submitted data (ids and previous state do not count). */
  private static final Set<String> ACTION_INPUT_NAMES =
      Set.of("formData", "form", "data", "input", "values", "payload", "body", "fields");

  private final JsModule m;
  private final int fn;
  private final Predicate<Call> isLlmCall;
  private final Set<String> requestParams = new HashSet<>();
  private final Set<String> routeSegments;
  private final List<Change> changes = new ArrayList<>();

  /**
   * @param allParamsAreInput true for server actions, whose every argument comes from the client
   * @param wrapperValidates true when a wrapper parses the input with a schema before the body runs
   *     ({@link ValidatingWrappers}): only the raw {@code FormData} it may pass along stays input
   * @param isLlmCall tells LLM calls (their results are model output, not request input)
   */
  RequestFlow(
      JsModule m,
      int fn,
      boolean allParamsAreInput,
      boolean wrapperValidates,
      Predicate<Call> isLlmCall) {
    this.m = m;
    this.fn = fn;
    this.isLlmCall = isLlmCall;
    this.routeSegments = routeSegments(m.file());
    var params = JsQueries.paramNames(m, fn);
    if (wrapperValidates) {
      for (var p : params) {
        if (!p.isEmpty() && (p.equals("formData") || typedFormData(p))) {
          changes.add(new Change(-1, p, State.RAW, true));
        }
      }
    } else if (allParamsAreInput) {
      for (int i = 0; i < params.size(); i++) {
        var p = params.get(i);
        if (!p.isEmpty() && (ACTION_INPUT_NAMES.contains(p) || typedFormData(p))) {
          changes.add(new Change(-1, p, State.RAW, true));
        } else if (p.isEmpty()) {
          // updateVisibility({ chatId, visibility }): every field the client sends
          for (var name : JsQueries.patternNames(m, fn, i)) {
            changes.add(new Change(-1, name, State.RAW, true));
          }
        }
      }
    } else if (!params.isEmpty() && !params.getFirst().isEmpty()) {
      requestParams.add(params.getFirst());
    } else if (!params.isEmpty()) {
      destructuredRequest().ifPresent(requestParams::add);
    }
    scanDeclarations();
  }

  /**
   * The flow inside a project function that a handler calls with request data: the parameters at
   * {@code rawParams} hold unvalidated input (taken as it is when {@code direct}), those at {@code
   * requestParams} hold the request object itself. The function's summary, applied at one call
   * site.
   */
  RequestFlow(
      JsModule m,
      int fn,
      java.util.Map<Integer, Boolean> rawParams,
      Set<Integer> requestParamIndexes,
      Predicate<Call> isLlmCall) {
    this.m = m;
    this.fn = fn;
    this.isLlmCall = isLlmCall;
    this.routeSegments = Set.of();
    var params = JsQueries.paramNames(m, fn);
    for (int i = 0; i < params.size(); i++) {
      var name = params.get(i);
      if (requestParamIndexes.contains(i) && !name.isEmpty()) {
        requestParams.add(name);
      } else if (rawParams.containsKey(i)) {
        var names = name.isEmpty() ? JsQueries.patternNames(m, fn, i) : List.of(name);
        for (var n : names) {
          changes.add(new Change(-1, n, State.RAW, rawParams.get(i)));
        }
      }
    }
    scanDeclarations();
  }

  /** True when {@code name} is the request object itself in this function. */
  boolean isRequestParam(String name) {
    return requestParams.contains(name);
  }

  /**
   * The local name of {@code request} in a destructured first parameter: SvelteKit, Remix, Astro
   * and Pages Functions hand the handler {@code { request, params, locals }}.
   */
  private java.util.Optional<String> destructuredRequest() {
    int body = m.scope(fn).startToken();
    var t = m.tokens();
    for (int k = Math.max(0, body - 60); k + 1 < body; k++) {
      if (t.get(k).isIdent("request")
          && (t.get(k - 1).isPunct("{") || t.get(k - 1).isPunct(","))
          && JsQueries.tok(m, k + 1) != null) {
        var next = t.get(k + 1);
        if (next.isPunct(":") && k + 2 < body && t.get(k + 2).isIdent()) {
          return java.util.Optional.of(t.get(k + 2).text());
        }
        if (next.isPunct(",") || next.isPunct("}")) {
          return java.util.Optional.of("request");
        }
      }
    }
    return java.util.Optional.empty();
  }

  private boolean typedFormData(String param) {
    int body = m.scope(fn).startToken();
    for (int k = Math.max(0, body - 40); k + 2 < body; k++) {
      var tk = m.tokens().get(k);
      if (tk.isIdent(param)
          && m.tokens().get(k + 1).isPunct(":")
          && m.tokens().get(k + 2).isIdent("FormData")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The state of {@code name} just before token {@code at}, or null when it holds no request data.
   */
  State stateOf(String name, int at) {
    State state = null;
    for (var c : changes) {
      if (c.at() < at && c.name().equals(name)) {
        state = c.state();
      }
    }
    return state;
  }

  private boolean isDirect(String name, int at) {
    boolean direct = false;
    for (var c : changes) {
      if (c.at() < at && c.name().equals(name)) {
        direct = c.direct();
      }
    }
    return direct;
  }

  /**
   * True when token {@code k} starts a request-input expression ({@code req.body}, {@code
   * request.json()}).
   */
  boolean isSourceAt(int k) {
    var tk = JsQueries.tok(m, k);
    if (tk == null || !tk.isIdent()) {
      return false;
    }
    var prev = JsQueries.tok(m, k - 1);
    if (prev != null && prev.isPunct(".") && tk.text().equals("searchParams")) {
      return true;
    }
    var open = JsQueries.tok(m, k + 1);
    if (H3_READERS.contains(tk.text())
        && open != null
        && open.isPunct("(")
        && (prev == null || !prev.isPunct("."))
        && m.importOf(tk.text()).map(i -> !i.from().packageName().isEmpty()).orElse(true)) {
      return true;
    }
    if (!requestParams.contains(tk.text()) || !JsQueries.isReference(m, k)) {
      return false;
    }
    for (int j = k + 1, hops = 0; hops < 3; j += 2, hops++) {
      var dot = JsQueries.tok(m, j);
      var member = JsQueries.tok(m, j + 1);
      if (dot == null
          || member == null
          || !(dot.isPunct(".") || dot.isPunct("?."))
          || !member.isIdent()) {
        return false;
      }
      if (member.text().equals("valid")) {
        return false;
      }
      if (SOURCE_MEMBERS.contains(member.text())) {
        return !(member.text().equals("query") && routeSegmentAfter(j + 2));
      }
    }
    return false;
  }

  /**
   * True when {@code .name} at token {@code dot} names a dynamic segment of the route file ({@code
   * req.query.messageId} in {@code pages/api/messages/[messageId].ts}): a route parameter, not a
   * body.
   */
  private boolean routeSegmentAfter(int dot) {
    var d = JsQueries.tok(m, dot);
    var name = JsQueries.tok(m, dot + 1);
    return d != null && d.isPunct(".") && name != null && routeSegments.contains(name.text());
  }

  private static final java.util.regex.Pattern SEGMENT =
      java.util.regex.Pattern.compile("\\[(?:\\.\\.\\.)?([A-Za-z0-9_$]+)\\]");

  private static Set<String> routeSegments(String file) {
    var names = new HashSet<String>();
    var matcher = SEGMENT.matcher(file);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * The first token in {@code [from, to]} that carries unvalidated request input (a source or a RAW
   * name), or -1.
   */
  int firstRawInput(int from, int to) {
    for (int k = from; k <= to; k++) {
      if (isSourceAt(k)) {
        return k;
      }
      var tk = m.tokens().get(k);
      if (tk.isIdent() && JsQueries.isReference(m, k) && stateOf(tk.text(), k) == State.RAW) {
        return k;
      }
    }
    return -1;
  }

  /**
   * True when the expression {@code [from, to]} is request data taken as it is: a source, a request
   * name, or a member path of one ({@code body.model}, {@code input.max_tokens ?? 512}).
   */
  boolean isClientChosen(int from, int to) {
    if (from < to && m.tokens().get(from).isIdent("await")) {
      from++; // const body = await req.json(): the body as it came
    }
    var first = m.tokens().get(from);
    if (!first.isIdent() && !first.isPunct("[")) {
      return false;
    }
    var inner = castArgument(from, to);
    if (inner != null) {
      return isClientChosen(inner[0], inner[1]);
    }
    if (first.isPunct("[")) {
      return spreadsClientList(from, to);
    }
    if (!isSourceAt(from) && stateOf(first.text(), from) == null) {
      return false;
    }
    if (from == to) {
      return isSourceAt(from) || isDirect(first.text(), from);
    }
    for (int k = from + 1; k <= to; k++) {
      var tk = m.tokens().get(k);
      if (tk.isPunct("??") || tk.isIdent("as") || tk.isPunct("||")) {
        return true;
      }
      if (tk.isPunct("(")
          && k + 2 <= to
          && m.tokens().get(k - 1).isIdent("get")
          && m.tokens().get(k + 1).isString()
          && m.tokens().get(k + 2).isPunct(")")) {
        k += 2; // form.get("model"), searchParams.get("model"): one submitted field as it is
        continue;
      }
      if (tk.isPunct("(")
          && k + 1 <= to
          && m.tokens().get(k + 1).isPunct(")")
          && SOURCE_MEMBERS.contains(m.tokens().get(k - 1).text())) {
        k += 1; // req.json(): the parsed body as it came
        continue;
      }
      boolean path = tk.isPunct(".") || tk.isPunct("?.") || tk.isIdent() || tk.isPunct("!");
      if (!path) {
        return false;
      }
    }
    return true;
  }

  /**
   * An array literal spreading the client's list ({@code [...messages, ...newMessages]}, {@code
   * [system, ...messages]}): the client chooses its turns, unless a server-built first element sets
   * the system prompt and a schema bounded the spread list (the documented exemption).
   */
  private boolean spreadsClientList(int from, int to) {
    var t = m.tokens();
    if (JsQueries.matching(m, from) != to) {
      return false;
    }
    boolean serverFirst = !t.get(from + 1).isPunct("...");
    for (int k = from + 1; k < to; k++) {
      if (!t.get(k).isPunct("...") || k + 1 >= to || !t.get(k + 1).isIdent()) {
        continue;
      }
      var name = t.get(k + 1).text();
      var state = stateOf(name, k + 1);
      if (state == State.RAW || (state == State.VALIDATED && !serverFirst)) {
        if (isDirect(name, k + 1) || isSourceAt(k + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The first token of the argument when {@code [from, to]} is a cast or decode of one value that
   * keeps it as the client sent it ({@code parseInt(amount, 10)}, {@code Number(n)}, {@code
   * JSON.parse(event.body)}), else -1.
   */
  private int[] castArgument(int from, int to) {
    var t = m.tokens();
    int open = from + 1;
    if (t.get(from).isIdent("JSON") && from + 3 <= to && t.get(from + 2).isIdent("parse")) {
      open = from + 3;
    } else if (!Set.of("parseInt", "parseFloat", "Number", "String").contains(t.get(from).text())) {
      return null;
    }
    if (open >= to || !t.get(open).isPunct("(") || JsQueries.matching(m, open) != to) {
      return null;
    }
    int end = to - 1;
    for (int k = open + 1; k < to; k++) {
      if (t.get(k).isPunct(",")) {
        end = k - 1; // parseInt(amount, 10): the radix is not the value
        break;
      }
    }
    return end >= open + 1 ? new int[] {open + 1, end} : null;
  }

  /** How to name the input at token {@code k} in a message ({@code req.body}, {@code body}). */
  String describeInput(int k) {
    if (!isSourceAt(k)) {
      return m.tokens().get(k).text();
    }
    int end = k;
    while (end + 2 < m.tokens().size()
        && (m.tokens().get(end + 1).isPunct(".") || m.tokens().get(end + 1).isPunct("?."))
        && m.tokens().get(end + 2).isIdent()) {
      end += 2;
      if (SOURCE_MEMBERS.contains(m.tokens().get(end).text())) {
        break;
      }
    }
    var next = JsQueries.tok(m, end + 1);
    return m.text(k, end) + (next != null && next.isPunct("(") ? "()" : "");
  }

  /** True when {@code name} holds request data at {@code at} (validated or not). */
  boolean holdsInput(String name, int at) {
    return stateOf(name, at) != null;
  }

  private void scanDeclarations() {
    var scope = m.scope(fn);
    var t = m.tokens();
    for (int k = scope.startToken(); k <= scope.endToken() && k < t.size(); k++) {
      var tk = t.get(k);
      if (tk.isIdent("const") || tk.isIdent("let") || tk.isIdent("var")) {
        declaration(k + 1);
      } else if (tk.isIdent() && JsQueries.isReference(m, k)) {
        var next = JsQueries.tok(m, k + 1);
        var prev = JsQueries.tok(m, k - 1);
        boolean declKeyword =
            prev != null && (prev.isIdent("const") || prev.isIdent("let") || prev.isIdent("var"));
        if (!declKeyword && next != null && next.isPunct("=")) {
          assign(List.of(t.get(k).text()), k + 2, false);
        }
      }
    }
    typeGuards();
    for (var call : m.callsWithin(fn)) {
      if (((VALIDATORS.contains(call.member()) && !isDecoder(call)) || isCheckFunction(call))
          && call.hasArguments()
          && call.closeParen() > 0) {
        for (int k = call.openParen() + 1; k < call.closeParen(); k++) {
          var tk = t.get(k);
          if (tk.isIdent() && JsQueries.isReference(m, k) && stateOf(tk.text(), k) != null) {
            changes.add(
                new Change(call.closeParen(), tk.text(), State.VALIDATED, isDirect(tk.text(), k)));
          }
        }
      }
    }
    changes.sort((a, b) -> Integer.compare(a.at(), b.at()));
  }

  /** {@code JSON.parse}, {@code qs.parse}, {@code Date.parse}: they decode, they check nothing. */
  static boolean isDecoder(Call call) {
    return Set.of("JSON", "qs", "querystring", "url", "path", "Date", "Number", "cookie", "yaml")
        .contains(call.root());
  }

  /** A project check on the value: {@code validateEmail(email)}, {@code isValidUrl(url)}. */
  private static boolean isCheckFunction(Call call) {
    if (call.callee().contains(".")) {
      return false;
    }
    var words = JsQueries.words(call.callee());
    return words.size() > 1
        && Set.of("validate", "is", "check", "assert").contains(words.getFirst());
  }

  /**
   * A hand-written guard in a condition, {@code if (typeof title !== "string" || title.length ===
   * 0) return ...}, {@code if (!(file instanceof File) || file.size > MAX)} or {@code if
   * (!Array.isArray(items))}: the value's type is checked from the condition on.
   */
  private void typeGuards() {
    var scope = m.scope(fn);
    var t = m.tokens();
    for (int k = scope.startToken(); k + 1 <= scope.endToken() && k + 1 < t.size(); k++) {
      String name;
      if (t.get(k).isIdent("typeof") && t.get(k + 1).isIdent()) {
        name = t.get(k + 1).text();
      } else if (t.get(k + 1).isIdent("instanceof") && t.get(k).isIdent()) {
        name = t.get(k).text(); // file instanceof File
      } else if ((t.get(k).isIdent("Array") || t.get(k).isIdent("Number"))
          && t.get(k + 1).isPunct(".")
          && k + 4 < t.size()
          && Set.of("isArray", "isInteger", "isFinite", "isSafeInteger")
              .contains(t.get(k + 2).text())
          && t.get(k + 3).isPunct("(")
          && t.get(k + 4).isIdent()) {
        name = t.get(k + 4).text(); // Array.isArray(items), Number.isInteger(n)
      } else {
        continue;
      }
      if (stateOf(name, k) == null) {
        continue;
      }
      int close = conditionEnd(k);
      if (close > 0) {
        changes.add(new Change(close, name, State.VALIDATED, isDirect(name, k)));
      }
    }
  }

  /** The closing parenthesis of the {@code if (...)} condition holding token {@code k}, or -1. */
  private int conditionEnd(int k) {
    var t = m.tokens();
    int depth = 0;
    for (int j = k; j > m.scope(fn).startToken(); j--) {
      var tk = t.get(j);
      if (tk.isPunct(")")) {
        depth++;
      } else if (tk.isPunct("(")) {
        if (depth == 0 && j > 0 && t.get(j - 1).isIdent("if")) {
          return JsQueries.matching(m, j);
        }
        depth = Math.max(0, depth - 1); // a group inside the condition: !(file instanceof File)
      } else if (depth == 0 && (tk.isPunct(";") || tk.isPunct("{") || tk.isPunct("}"))) {
        return -1;
      }
    }
    return -1;
  }

  private void declaration(int start) {
    var first = JsQueries.tok(m, start);
    if (first == null) {
      return;
    }
    var names = new ArrayList<String>();
    int afterPattern;
    boolean destructured = false;
    if (first.isPunct("{") || first.isPunct("[")) {
      int end = JsQueries.matching(m, start);
      for (int j = start + 1; j < end; j++) {
        var tk = m.tokens().get(j);
        var after = JsQueries.tok(m, j + 1);
        if (tk.isIdent()
            && after != null
            && (after.is(",") || after.is("}") || after.is("]") || after.is("="))) {
          names.add(tk.text());
        }
      }
      afterPattern = end + 1;
      destructured = true;
      var colon = JsQueries.tok(m, afterPattern);
      if (colon != null && colon.isPunct(":")) {
        // const { title }: { title: string } = await req.json()
        afterPattern = typeEnd(afterPattern + 1);
      }
    } else if (first.isIdent()) {
      names.add(first.text());
      afterPattern = start + 1;
      var colon = JsQueries.tok(m, afterPattern);
      if (colon != null && colon.isPunct(":")) {
        while (afterPattern < m.tokens().size()
            && !m.tokens().get(afterPattern).isPunct("=")
            && !m.tokens().get(afterPattern).isPunct(";")) {
          afterPattern++;
        }
      }
    } else {
      return;
    }
    var eq = JsQueries.tok(m, afterPattern);
    if (eq != null && eq.isPunct("=")) {
      if (destructured && readsQuery(afterPattern + 1)) {
        names.removeAll(routeSegments);
      }
      assign(names, afterPattern + 1, destructured);
    }
  }

  /**
   * The token after a type annotation starting at {@code start} (the {@code =} when there is one).
   */
  private int typeEnd(int start) {
    var t = m.tokens();
    int k = start;
    while (k < t.size() && !t.get(k).isPunct("=") && !t.get(k).isPunct(";")) {
      if (t.get(k).isPunct("{") || t.get(k).isPunct("(") || t.get(k).isPunct("[")) {
        k = JsQueries.matching(m, k);
      }
      k++;
    }
    return k;
  }

  /** {@code req.query} (or {@code req?.query}) and nothing more at {@code start}. */
  private boolean readsQuery(int start) {
    var dot = JsQueries.tok(m, start + 1);
    var member = JsQueries.tok(m, start + 2);
    var after = JsQueries.tok(m, start + 3);
    return isSourceAt(start)
        && dot != null
        && member != null
        && member.isIdent("query")
        && (after == null || !after.isPunct("."));
  }

  private void assign(List<String> names, int initStart, boolean destructured) {
    if (initStart >= m.tokens().size()) {
      return;
    }
    int initEnd = JsQueries.expressionEnd(m, initStart);
    if (initEnd < initStart) {
      return;
    }
    boolean tainted = false;
    boolean raw = false;
    for (int k = initStart; k <= initEnd; k++) {
      var tk = m.tokens().get(k);
      if (isSourceAt(k)) {
        tainted = true;
        raw = true;
      } else if (tk.isIdent() && JsQueries.isReference(m, k)) {
        var state = stateOf(tk.text(), k);
        if (state != null) {
          tainted = true;
          raw |= state == State.RAW;
        }
      }
    }
    if (!tainted) {
      return;
    }
    boolean validated = false;
    boolean derived = false;
    for (var call : m.calls()) {
      if (call.startToken() >= initStart && call.startToken() <= initEnd) {
        if (VALIDATORS.contains(call.member()) && !isDecoder(call)) {
          validated = true;
        }
        if (CallKinds.isDbWrite(m, call)
            || isLlmCall.test(call)
            || isDigest(call)
            || FETCHED.contains(call.member())
            || pickedFromServerData(call)) {
          derived = true;
        }
      }
    }
    if (derived) {
      return;
    }
    var state = validated || !raw ? State.VALIDATED : State.RAW;
    boolean direct = destructured || isClientChosen(initStart, initEnd);
    for (var name : names) {
      changes.add(new Change(initEnd, name, state, direct));
    }
  }

  /**
   * A call whose result is not the input itself but a fixed-form value computed from it: a password
   * hash, a digest or signature, an id, a slug, a count.
   */
  private static boolean isDigest(Call call) {
    if (call.member().equals("sign")) {
      return true;
    }
    for (var word : JsQueries.words(call.member())) {
      if (DIGEST_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads whose result is the provider's or the database's record, looked up by an id from the
   * request: the record is not what the client sent ({@code
   * stripe.checkout.sessions.retrieve(id)}).
   */
  private static final Set<String> FETCHED =
      Set.of(
          "retrieve",
          "findUnique",
          "findUniqueOrThrow",
          "findFirst",
          "findFirstOrThrow",
          "findMany",
          "findOne",
          "findById",
          "maybeSingle",
          "single",
          "select");

  /**
   * Calls whose result is an element of (or a fact about) their receiver, not of their argument.
   */
  private static final Set<String> ELEMENT_OF =
      Set.of(
          "find", "findLast", "filter", "some", "every", "includes", "indexOf", "findIndex", "has");

  /**
   * {@code people.find(p => p.id === body.primaryId)}: the request only picks among the server's
   * records; the result is a record of {@code people}, not the request.
   */
  private boolean pickedFromServerData(Call call) {
    if (!ELEMENT_OF.contains(call.member()) || !call.callee().contains(".")) {
      return false;
    }
    var root = call.root();
    return !root.isEmpty()
        && !requestParams.contains(root)
        && stateOf(root, call.startToken()) == null;
  }

  private static final Set<String> DIGEST_WORDS =
      Set.of(
          "hash", "bcrypt", "argon2", "scrypt", "pbkdf2", "digest", "hmac", "encrypt", "uuid",
          "nanoid", "cuid", "slugify", "count");

  /** The first token of {@code call}'s arguments that carries unvalidated request input, or -1. */
  int rawInputIn(Call call) {
    var range = JsQueries.args(call);
    return range == null ? -1 : firstRawInput(range[0], range[1]);
  }
}
