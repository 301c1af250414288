using MlOpsDashboard.Dashboard.Components.Shared;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Tests.Shared;

public sealed class ChipMarkupTests
{
    [Theory]
    [InlineData(Color.Success, "filled", "mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-success")]
    [InlineData(Color.Warning, "outlined", "mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-warning")]
    [InlineData(Color.Default, "text", "mud-chip mud-chip-text mud-chip-size-small mud-chip-color-default")]
    public void ClassOf_VariantAndColor_MudChipsOwnClasses(Color color, string variant, string expected) =>
        Assert.Equal(expected, ChipMarkup.ClassOf(color, variant));

    [Fact]
    public void ClassOf_SameVariantAndColor_OneStringForTheProcess() =>
        Assert.Same(ChipMarkup.ClassOf(Color.Error), ChipMarkup.ClassOf(Color.Error, "filled"));

    [Fact]
    public void Html_TextWithMarkup_EncodedInContentAndDataAttribute() =>
        Assert.Equal(
            "<span class=\"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-error\" data-health=\"&lt;b&gt;&quot;x&quot;\"><span class=\"mud-chip-content\">&lt;b&gt;&quot;x&quot;</span></span>",
            ChipMarkup.Html(Color.Error, "<b>\"x\"", "data-health"));

    [Fact]
    public void Html_WithoutDataAttribute_OnlyTheClassAttribute() =>
        Assert.Equal(
            "<span class=\"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-info\"><span class=\"mud-chip-content\">Running</span></span>",
            ChipMarkup.Html(Color.Info, "Running"));

    [Fact]
    public void Html_WithIconAndAttributes_IconBeforeTheTextAndAttributesAfterTheClass() =>
        Assert.Equal(
            "<span class=\"mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-success\" data-state=\"live\"><svg/><span class=\"mud-chip-content\">Live</span></span>",
            ChipMarkup.Html(Color.Success, "Live", variant: "outlined", attributes: " data-state=\"live\"", icon: "<svg/>"));
}
