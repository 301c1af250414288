using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Layout;

/// <summary>
/// MudThemeProvider whose output (the scrollbar and chart styles and the theme's CSS variables, about
/// 11,700 characters of &lt;style&gt;) is one string instance per distinct text for the whole process:
/// heap dumps of idle circuits showed MudThemeProvider's theme string twice per circuit (held by the
/// current and the previous render buffer), about 47 KB a circuit. MudBlazor still builds its output
/// on each render of the provider (rare: dark-mode and drawer toggles), and that copy is garbage
/// at once; what a circuit keeps is a reference to the shared text. Dark-mode detection, the system
/// dark-mode watch and the parameters are MudBlazor's own.
/// </summary>
// BL0006/ASP0006: replaying the frames MudBlazor just built, with its own sequence numbers, is the way
// to keep its exact output and diffing; anything but markup frames falls back to MudBlazor's rendering.
#pragma warning disable BL0006, ASP0006
public sealed class SharedThemeProvider : MudThemeProvider
{
    // Distinct texts are a handful (light and dark, per theme); the bound only guards against a theme built per render.
    private const int MaxSharedTexts = 64;

    private static readonly ConcurrentDictionary<string, string> SharedTexts = new(StringComparer.Ordinal);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                base.BuildRenderTree(builder);
                return;
            }
        }
        for (var i = 0; i < frames.Count; i++)
        {
            builder.AddMarkupContent(frames.Array[i].Sequence, Shared(frames.Array[i].MarkupContent));
        }
    }

    private static string Shared(string text) =>
        SharedTexts.TryGetValue(text, out var shared) ? shared
        : SharedTexts.Count < MaxSharedTexts ? SharedTexts.GetOrAdd(text, text)
        : text;
}
#pragma warning restore BL0006, ASP0006
