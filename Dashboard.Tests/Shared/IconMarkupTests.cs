using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Tests.Shared;

public sealed class IconMarkupTests
{
    private const string Path = "<path d=\"M0 0h24v24H0z\"/>";

    [Fact]
    public void Svg_SizeAndHostClasses_MudIconsClassesAroundTheIconPath() =>
        Assert.Equal(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{Path}</svg>",
            IconMarkup.Svg(Path, "small", "mud-chip-icon").Value);

    [Fact]
    public void ButtonLabel_DefaultSize_MediumSvgInsideMudIconButtonsLabel() =>
        Assert.Equal(
            $"<span class=\"mud-icon-button-label\"><svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{Path}</svg></span>",
            IconMarkup.ButtonLabel(Path).Value);
}
