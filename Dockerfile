# syntax=docker/dockerfile:1
# MLOps Dashboard: one image for linux/amd64 and linux/arm64 (docker buildx --platform ...).
# Ubuntu 24.04 (noble) images: TorchSharp's native library needs GLIBCXX_3.4.32, which noble has.
# Base images are pinned to exact versions (the SDK and runtime the test suite runs on); CI
# (cd.yml) records the pushed image's digest. Add @sha256 digests once pulled from a trusted machine.
# libtorch exists for linux-x64 only: the arm64 image runs without the failure-risk model and
# says so on /readyz ("Failure-risk model runtime": Degraded) and in the UI.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble

# The SDK runs on the build machine's own architecture and cross-publishes for the target,
# which is far faster than building under QEMU emulation.
FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH
WORKDIR /src

# Project files first: the restore layer is reused until a package changes.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props TorchSharpElfFix.targets ./
COPY Core/Core.csproj Core/
COPY Dashboard/Dashboard.csproj Dashboard/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    case "$TARGETARCH" in amd64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;; *) echo "unsupported TARGETARCH '$TARGETARCH'" >&2; exit 1 ;; esac \
    && dotnet restore Dashboard/Dashboard.csproj -r "$rid"

COPY Core/ Core/
COPY Dashboard/ Dashboard/
COPY deploy/ deploy/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    case "$TARGETARCH" in amd64) rid=linux-x64 ;; arm64) rid=linux-arm64 ;; esac \
    && dotnet publish Dashboard/Dashboard.csproj -c Release -r "$rid" --self-contained false --no-restore \
       -p:UseAppHost=false -o /app

FROM ${RUNTIME_IMAGE} AS final
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Data__Directory=/data \
    DOTNET_gcServer=0

# The data directory (SQLite database, sandbox, keys) belongs to the unprivileged "app" user
# (uid 1654) that the .NET images define; the deployment's runAsUser matches it.
RUN mkdir -p /data && chown 1654:1654 /data
COPY --from=build --chown=root:root /app ./

USER 1654:1654
VOLUME ["/data"]
EXPOSE 8080

# The runtime image has no curl or wget: the app checks its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/MlOpsDashboard.Dashboard.dll", "healthcheck", "http://127.0.0.1:8080/healthz"]

ENTRYPOINT ["dotnet", "/app/MlOpsDashboard.Dashboard.dll"]
