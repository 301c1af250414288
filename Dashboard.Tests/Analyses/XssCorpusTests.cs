using AngleSharp.Dom;
using Bunit;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Dashboard.Components.Shared;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Analyses;

public sealed class XssCorpusTests : BunitTestContext
{
    private static readonly string[] ActiveTags = ["script", "iframe", "object", "embed", "img", "svg", "style", "link", "meta", "base", "form", "input", "button", "math", "video", "audio", "picture", "source"];

    /// <summary>What LLM answers and log lines may carry; none of it may become active in the page.</summary>
    public static TheoryData<string> Corpus() =>
    [
        "<script>alert(1)</script>",
        "before <script src=\"https://evil.example/x.js\"></script> after",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>x</details>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](  javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:alert(1)>",
        "![tracker](https://evil.example/pixel.png)",
        "![inline](data:image/png;base64,iVBORw0KGgo=)",
        "[![badge](https://evil.example/b.svg)](https://evil.example)",
        "\u001b[31mred\u001b[0m and \u001b]8;;https://evil.example\u0007hyperlink\u001b]8;;\u0007",
        "`code` <b onmouseover=alert(1)>bold</b>",
        "<form action=\"https://evil.example\"><button>Roll back</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MarkdownView_HostileMarkdown_NoActiveContent(string markdown)
    {
        var view = Render<MarkdownView>(p => p.Add(v => v.Markdown, markdown));

        AssertInert(view.Find("[data-testid=markdown-view]"));
    }

    [Fact]
    public void MarkdownView_OrdinaryReport_KeepsFormattingAndSafeLinks()
    {
        var view = Render<MarkdownView>(p => p.Add(v => v.Markdown, "### Cause\n\n**bold** `code`\n\n- [runbook](https://runbooks.example/oom) and mailto:oncall@example.com"));

        Assert.NotNull(view.Find("h3"));
        Assert.NotNull(view.Find("strong"));
        var link = view.Find("a[href='https://runbooks.example/oom']");
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void MarkdownView_ReportWithHostileEvidence_EvidenceShownAsText()
    {
        var report = new AnalysisReport
        {
            Summary = "<script>alert('summary')</script> [x](javascript:alert(1))",
            RootCauses =
            [
                new RootCause { Title = "<svg onload=alert(1)>", Evidence = ["log: <img src=https://evil.example/p.png onerror=alert(1)>", "``` <script>x</script>"], Remediation = "![x](https://evil.example/x.png)" },
            ],
        };

        var view = Render<MarkdownView>(p => p.Add(v => v.Markdown, ReportMarkdown.Render(report)));

        var root = view.Find("[data-testid=markdown-view]");
        AssertInert(root);
        Assert.Contains("<img src=https://evil.example/p.png onerror=alert(1)>", root.TextContent, StringComparison.Ordinal);
    }

    internal static void AssertInert(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("*").Prepend(root))
        {
            Assert.DoesNotContain(element.LocalName, ActiveTags);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} on <{element.LocalName}>");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    var value = attribute.Value.Trim();
                    Assert.True(value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                        || value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || value.StartsWith('#') || (!value.Contains(':', StringComparison.Ordinal) && attribute.Name == "href"),
                        $"{attribute.Name}=\"{value}\" on <{element.LocalName}>");
                }
            }
        }
        Assert.DoesNotContain('\u001b', root.InnerHtml);
    }
}
