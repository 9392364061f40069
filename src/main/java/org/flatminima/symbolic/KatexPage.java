package org.flatminima.symbolic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;

/**
 * A self-contained HTML page whose mathematics is typeset by KaTeX in the browser, with no
 * network access: the KaTeX script and style sheet are inlined, and so are the fonts the
 * derivations use (as {@code data:} URIs); the other KaTeX font families are left out and fall
 * back to the browser's fonts.
 *
 * <p>KaTeX comes from the npm package {@code katex} ({@value #VERSION}, MIT licence), fetched by
 * {@code scripts/setup} with {@code npm pack} into {@code data/katex/} and checked here, on every
 * use, against the integrity hash the npm registry publishes.
 *
 * <p>Every formula is rendered with {@code throwOnError}; a formula KaTeX rejects is shown as its
 * source with the error message, and marked {@code data-katex="error"}. When the script has run,
 * the body carries {@code data-katex-rendered} and {@code data-katex-errors} counts, which the
 * headless-browser check reads.
 */
public final class KatexPage {
    public static final String VERSION = "0.19.1";
    public static final String ARCHIVE_NAME = "katex-" + VERSION + ".tgz";
    /** {@code npm view katex@0.19.1 dist.integrity}. */
    public static final String INTEGRITY =
            "sha512-jG8uKntjSEcm2EpQOh0XturpPuuC9r3Sq5HLHdsFdWZT27E672SF19QEi+of0/YeOy15lDgRhKvr5614uRrEfA==";
    /** The font files inlined: the families KaTeX uses for the derivations' mathematics. */
    private static final List<String> FONTS = List.of("KaTeX_Main-Regular", "KaTeX_Main-Bold", "KaTeX_Main-Italic",
            "KaTeX_Math-Italic", "KaTeX_AMS-Regular", "KaTeX_Size1-Regular", "KaTeX_Size2-Regular",
            "KaTeX_Size3-Regular", "KaTeX_Size4-Regular");

    /** KaTeX's script and its style sheet with the fonts inlined. */
    public record Assets(String script, String style) {}

    private KatexPage() {}

    /**
     * The system property {@code flatminima.katex} or the environment variable
     * {@code FLATMINIMA_KATEX} if set, else {@code data/katex/katex-VERSION.tgz} under the tool's home.
     */
    public static Path defaultArchive() {
        String property = System.getProperty("flatminima.katex");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("FLATMINIMA_KATEX");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getProperty("flatminima.home");
        return (home == null ? Path.of("") : Path.of(home)).resolve("data").resolve("katex").resolve(ARCHIVE_NAME);
    }

    /** Reads and verifies the archive; a missing or altered archive is a one-line {@link UserError}. */
    public static Assets load(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new UserError(Problem.USAGE, "KaTeX not found at " + archive + "; run scripts/setup (fetches the npm "
                    + "package katex@" + VERSION + ") or set FLATMINIMA_KATEX to " + ARCHIVE_NAME);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, archive, e.getMessage());
        }
        String got = integrity(bytes);
        if (!got.equals(INTEGRITY)) {
            throw new UserError(Problem.USAGE, archive + " failed its integrity check (expected " + INTEGRITY
                    + ", got " + got + "); delete it and run scripts/setup");
        }
        Map<String, byte[]> files = untar(bytes, archive);
        byte[] js = files.get("package/dist/katex.min.js");
        byte[] css = files.get("package/dist/katex.min.css");
        if (js == null || css == null) {
            throw new UserError(Problem.USAGE, archive + " holds no package/dist/katex.min.js and katex.min.css");
        }
        return new Assets(new String(js, StandardCharsets.UTF_8), inlineFonts(new String(css, StandardCharsets.UTF_8),
                files));
    }

    static String integrity(byte[] bytes) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The regular files of a gzipped ustar archive (npm's format), by path. */
    private static Map<String, byte[]> untar(byte[] tgz, Path archive) {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(tgz))) {
            byte[] tar = in.readAllBytes();
            int pos = 0;
            while (pos + 512 <= tar.length && tar[pos] != 0) {
                String name = field(tar, pos, 100);
                String prefix = field(tar, pos + 345, 155);
                String sizeText = field(tar, pos + 124, 12).trim();
                long size = sizeText.isEmpty() ? 0 : Long.parseLong(sizeText, 8);
                char type = (char) tar[pos + 156];
                int start = pos + 512;
                if (size < 0 || start + size > tar.length) {
                    throw new IOException("truncated entry " + name);
                }
                if (type == '0' || type == 0) {
                    String path = prefix.isEmpty() ? name : prefix + "/" + name;
                    ByteArrayOutputStream b = new ByteArrayOutputStream((int) size);
                    b.write(tar, start, (int) size);
                    out.put(path, b.toByteArray());
                }
                pos = start + (int) ((size + 511) / 512 * 512);
            }
        } catch (IOException | NumberFormatException e) {
            throw new UserError(e, Problem.FILE_UNREADABLE, archive, "not a readable npm archive: " + e.getMessage());
        }
        return out;
    }

    private static String field(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    /**
     * Rewrites each {@code @font-face} rule: the inlined fonts get their woff2 file as a data URI,
     * the others are dropped (text in those families falls back to the browser's fonts).
     */
    static String inlineFonts(String css, Map<String, byte[]> files) {
        Matcher m = Pattern.compile("@font-face\\{[^}]*\\}").matcher(css);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String rule = m.group();
            Matcher url = Pattern.compile("url\\(fonts/(KaTeX_[A-Za-z0-9_-]+)\\.woff2\\)").matcher(rule);
            String replacement = "";
            if (url.find() && FONTS.contains(url.group(1))) {
                byte[] font = files.get("package/dist/fonts/" + url.group(1) + ".woff2");
                if (font != null) {
                    String src = "src:url(data:font/woff2;base64," + Base64.getEncoder().encodeToString(font)
                            + ") format(\"woff2\")";
                    replacement = rule.replaceFirst("src:[^;}]*", Matcher.quoteReplacement(src));
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The page for a document's blocks. */
    static String render(String title, String heading, List<DerivationDocument.Block> blocks, Assets katex) {
        StringBuilder body = new StringBuilder();
        for (DerivationDocument.Block b : blocks) {
            if (b instanceof DerivationDocument.Heading h) {
                body.append("<h2>").append(inline(h.text())).append("</h2>\n");
            } else if (b instanceof DerivationDocument.Text t) {
                body.append("<p>").append(inline(t.text())).append("</p>\n");
            } else if (b instanceof DerivationDocument.Display x) {
                String tex = DerivationDocument.displayTex(x);
                body.append("<div class=\"display\" data-tex=\"").append(attr(tex)).append("\"><code>")
                        .append(html(tex)).append("</code></div>\n");
            }
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html(title)
                + "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"flatminima derive; KaTeX " + VERSION + " (MIT) inlined\">\n"
                + "<style>\n" + katex.style() + "\n</style>\n<style>\n" + PAGE_STYLE + "</style>\n</head>\n<body>\n<main>\n<h1>"
                + inline(heading) + "</h1>\n" + body + "</main>\n<script>\n" + katex.script().replace("</script", "<\\/script")
                + "\n</script>\n<script>\n" + RENDER_SCRIPT + "</script>\n</body>\n</html>\n";
    }

    private static final String PAGE_STYLE = """
            body { font: 16px/1.5 Georgia, 'DejaVu Serif', serif; color: #222; background: #fff; margin: 0; }
            main { max-width: 52em; margin: 0 auto; padding: 1.5em 2em 4em; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.8em; }
            .display { overflow-x: auto; overflow-y: hidden; margin: 0.8em 0; }
            .display > code, .inline > code { white-space: pre-wrap; color: #555; }
            [data-katex="error"] { border-left: 3px solid #c00; padding-left: 0.5em; color: #c00; }
            code { font-size: 0.9em; }
            """;

    private static final String RENDER_SCRIPT = """
            (function () {
              var rendered = 0, errors = 0;
              var nodes = document.querySelectorAll('[data-tex]');
              for (var i = 0; i < nodes.length; i++) {
                var el = nodes[i];
                var display = el.classList.contains('display');
                try {
                  katex.render(el.getAttribute('data-tex'), el, {displayMode: display, throwOnError: true,
                    strict: 'error', output: 'htmlAndMathml'});
                  el.setAttribute('data-katex', 'ok');
                  rendered++;
                } catch (e) {
                  el.setAttribute('data-katex', 'error');
                  el.setAttribute('title', String(e && e.message || e));
                  el.textContent = el.getAttribute('data-tex') + '  [KaTeX: ' + (e && e.message || e) + ']';
                  errors++;
                }
              }
              document.body.setAttribute('data-katex-rendered', String(rendered));
              document.body.setAttribute('data-katex-errors', String(errors));
              document.body.setAttribute('data-katex-formulas', String(nodes.length));
            })();
            """;

    /** Text markup to HTML: math becomes a KaTeX placeholder, code becomes {@code <code>}. */
    private static String inline(String s) {
        StringBuilder sb = new StringBuilder();
        for (DerivationDocument.Segment seg : DerivationDocument.segments(s)) {
            switch (seg.kind()) {
                case MATH -> sb.append("<span class=\"inline\" data-tex=\"").append(attr(seg.text())).append("\"><code>")
                        .append(html(seg.text())).append("</code></span>");
                case CODE -> sb.append("<code>").append(html(seg.text())).append("</code>");
                default -> sb.append(html(seg.text()));
            }
        }
        return sb.toString();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return html(s).replace("\"", "&quot;");
    }
}
