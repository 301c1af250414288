using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

public sealed class SelectorTests
{
    private static readonly JsonObject Pod = JsonNode.Parse("""
        {"metadata":{"name":"p","namespace":"ml","labels":{"app":"serving","tier":"gpu"}},
         "spec":{"nodeName":"wsl-worker","replicas":2},"status":{"phase":"Running"}}
        """)!.AsObject();

    [Theory]
    [InlineData("", true)]
    [InlineData("app=serving", true)]
    [InlineData("app==serving,tier=gpu", true)]
    [InlineData("app!=serving", false)]
    [InlineData("app in (serving, batch)", true)]
    [InlineData("app notin (serving)", false)]
    [InlineData("tier,app in (x,serving)", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing,missing!=x", true)]
    [InlineData("missing", false)]
    public void LabelSelector_Expression_MatchesAsKubernetes(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Pod));

    [Theory]
    [InlineData("app in (x")]
    [InlineData("=x")]
    [InlineData("a b=c")]
    public void LabelSelector_Malformed_ThrowsBadRequest(string selector) =>
        Assert.Equal(400, Assert.Throws<SandboxApiException>(() => LabelSelector.Parse(selector)).Code);

    [Theory]
    [InlineData("metadata.name=p", true)]
    [InlineData("metadata.namespace==ml,spec.nodeName=wsl-worker", true)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("spec.replicas=2", true)]
    [InlineData("spec.missing=", true)]
    [InlineData("spec.nodeName=mac-m2", false)]
    public void FieldSelector_Expression_MatchesAsKubernetes(string selector, bool matches) =>
        Assert.Equal(matches, FieldSelector.Parse(selector).Matches(Pod));

    [Fact]
    public void FieldSelector_NoOperator_ThrowsBadRequest() =>
        Assert.Equal(400, Assert.Throws<SandboxApiException>(() => FieldSelector.Parse("metadata.name")).Code);
}
