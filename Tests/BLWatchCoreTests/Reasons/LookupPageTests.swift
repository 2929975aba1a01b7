import Testing

@testable import BLWatchCore

/// HTML to text: blocks, cells, entities, dropped content, titles and links.
struct LookupPageTests {
    @Test func blockElementsBecomeLinesAndCellsShareALine() {
        let page = PageFixture.parse(
            """
            <html><body><h1>Results</h1><p>First   paragraph
            with  a break<br>second line</p><div>
            <ul><li>one</li><li>two</li></ul></div>
            <table><tr><th>IP</th><th>When</th></tr><tr><td>192.0.2.1</td><td>2026-11-29</td></tr></table>
            <p></p><p>   </p><section>end</section></body></html>
            """
        )
        #expect(
            page.text
                == "Results\nFirst paragraph with a break\nsecond line\none\ntwo\nIP When\n192.0.2.1 2026-11-29\nend"
        )
        #expect(page.tableRows == [["IP", "When"], ["192.0.2.1", "2026-11-29"]])
    }

    @Test func entitiesAreDecoded() {
        let page = PageFixture.parse(
            "<p>a&nbsp;b &amp; c &lt;d&gt; &quot;e&quot; &#39;f&#39; &apos;g&apos; h&hellip; i&mdash;j&ndash;k &copy;"
                + " &#233;&#xE9;&#XE9; &#128512; &#0; &#150; &unknown; AT&T &amp</p>"
        )
        #expect(page.text == "a b & c <d> \"e\" 'f' 'g' h… i—j–k © ééé 😀 \u{FFFD} – &unknown; AT&T &")
    }

    @Test func escapedMarkupStaysText() {
        #expect(PageFixture.parse("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>").text == "<script>alert(1)</script>")
    }

    @Test func scriptsStylesAndHiddenContentAreDropped() {
        let page = PageFixture.parse(
            """
            <head><title>The &amp; title</title><style>p { content: "style text" }</style>
            <script>var s = "</p>script text<p>";</script></head>
            <body>visible<script type="module">document.write("<b>x</b>")</script>
            <noscript>noscript text</noscript><template><p>template text</p></template>
            <svg><title>svg title</title><text>svg text</text></svg><!-- comment text -->
            <select><option>option text</option></select><SCRIPT>more()</SCRIPT >also visible</body>
            """
        )
        #expect(page.text == "visible also visible")
        #expect(page.title == "The & title")
        #expect(page.scriptCount == 3)
    }

    @Test func preservesLineBreaksInPre() {
        let page = PageFixture.parse("<pre>192.0.2.1   2026-11-29 10:15:00\n192.0.2.1 2026-11-28 09:00:00</pre>")
        #expect(page.text == "192.0.2.1 2026-11-29 10:15:00\n192.0.2.1 2026-11-28 09:00:00")
    }

    @Test func quotedGreaterThanDoesNotEndATag() {
        let page = PageFixture.parse(#"<p title="a > b" data-x='c > d'>text</p><img alt=">">after"#)
        #expect(page.text == "text\nafter")
    }

    @Test func relativeLinksAreResolvedAndOthersDropped() {
        let page = PageFixture.parse(
            """
            <a href="../delist/?ip=192.0.2.1&amp;list=xbl">Request &amp; removal</a>
            <a href="/faq/">FAQ</a> <a href="//cdn.example/x">cdn</a> <a href=https://other.example/a?b=1>bare</a>
            <a href="#top">top</a> <a href="javascript:void(0)">js</a> <a href="mailto:a@example.org">mail</a>
            <a href="ftp://files.example/">ftp</a> <a name="anchor">no href</a> <a href=" /spaced path ">spaced</a>
            """,
            url: "https://check.example.org/results/page?query=192.0.2.1"
        )
        #expect(
            page.links == [
                PageLink(url: "https://check.example.org/delist/?ip=192.0.2.1&list=xbl", text: "Request & removal"),
                PageLink(url: "https://check.example.org/faq/", text: "FAQ"),
                PageLink(url: "https://cdn.example/x", text: "cdn"),
                PageLink(url: "https://other.example/a?b=1", text: "bare"),
                PageLink(url: "https://check.example.org/spaced%20path", text: "spaced"),
            ]
        )
    }

    @Test func baseHrefAndFormActionsAreLinks() {
        let page = PageFixture.parse(
            """
            <head><base href="https://base.example/dir/"></head>
            <form action="remove"><p>Fixed it?</p><input type="hidden" value="192.0.2.1">
            <input type="submit" value="Request removal"></form><a href="x">x</a>
            """
        )
        #expect(
            page.links == [
                PageLink(url: "https://base.example/dir/remove", text: "Fixed it? Request removal"),
                PageLink(url: "https://base.example/dir/x", text: "x"),
            ]
        )
    }

    @Test func challengeMarkersAreFoundInMarkup() {
        let page = PageFixture.parse(#"<div class="g-recaptcha" data-sitekey="k"></div><p>Lookup</p>"#)
        #expect(page.challengeMarkers == ["g-recaptcha", "captcha"])
        #expect(PageFixture.parse("<p>plain</p>").challengeMarkers.isEmpty)
    }

    @Test func emptyBodyGivesEmptyPage() {
        let page = LookupPage.parse(body: [], contentType: nil, url: "")
        #expect(page.text.isEmpty && page.title == nil && page.links.isEmpty && page.scriptCount == 0)
    }
}
