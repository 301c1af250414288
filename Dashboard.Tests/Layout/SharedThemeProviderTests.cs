using Bunit;
using MlOpsDashboard.Dashboard.Components.Layout;
using MlOpsDashboard.Dashboard.Tests.Support;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Tests.Layout;

public sealed class SharedThemeProviderTests : BunitTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_SameThemeAndMode_SameMarkupAsMudThemeProvider(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme).Add(x => x.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme).Add(x => x.IsDarkMode, dark));

        Assert.Equal(mud.Markup, shared.Markup);
        Assert.Contains(dark ? "rgba(100,181,246,1)" : "rgba(21,101,192,1)", shared.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_DarkModeToggled_SwitchesToTheDarkPalette()
    {
        var shared = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, DashboardTheme.Theme).Add(x => x.IsDarkMode, false));
        var light = shared.Markup;

        shared.Render(p => p.Add(x => x.IsDarkMode, true));

        Assert.NotEqual(light, shared.Markup);
        Assert.Contains("rgba(100,181,246,1)", shared.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("rgba(21,101,192,1)", shared.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_ThemeOfItsOwn_RendersThatTheme()
    {
        var theme = new MudTheme { PaletteLight = new PaletteLight { Primary = "#123456" } };

        var shared = Render<SharedThemeProvider>(p => p.Add(x => x.Theme, theme));

        Assert.Contains("rgba(18,52,86,1)", shared.Markup, StringComparison.OrdinalIgnoreCase);
    }
}
