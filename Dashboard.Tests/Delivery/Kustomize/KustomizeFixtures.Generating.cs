namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

internal static partial class KustomizeFixtures
{
    // Generators, YAML typing, scoping and ordering, selectors and image rewrites.
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Generating = new()
    {
        ["generators"] = new Dictionary<string, string>
        {
            ["base/e.env"] = "A=1\n# comment\n  B = x\nC\n",
            ["base/t.txt"] = "hello <world> & \"q\"\n\ttab é \u2028 \\ end\n",
            ["base/kustomization.yaml"] = """
                generatorOptions:
                  labels: {gen: "yes"}
                configMapGenerator:
                - name: empty
                - name: mixed
                  envs: [e.env]
                  literals: [L=v]
                  files: [t.txt, renamed=t.txt]
                - name: nohash
                  literals: [a=b]
                  options: {disableNameSuffixHash: true, immutable: true, annotations: {x: "1"}}
                - name: m
                  literals: [a=1]
                  options: {disableNameSuffixHash: true, labels: {keep: me}}
                secretGenerator:
                - name: s
                  literals: [pw=secret]
                  type: kubernetes.io/basic-auth
                - name: plain
                  envs: [e.env]
                """,
            ["overlay/kustomization.yaml"] = """
                resources: [../base, pod.yaml]
                namePrefix: o-
                generatorOptions:
                  labels: {g: global, both: global}
                configMapGenerator:
                - name: mixed
                  behavior: merge
                  literals: [L=v2, M=m]
                  options: {labels: {both: local}}
                - name: m
                  behavior: replace
                  literals: [c=3]
                secretGenerator:
                - name: s
                  behavior: merge
                  literals: [user=u]
                """,
            ["overlay/pod.yaml"] = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: c
                    image: busybox
                    envFrom: [{secretRef: {name: s}}, {configMapRef: {name: mixed}}]
                    env: [{name: E, valueFrom: {secretKeyRef: {name: plain, key: A}}}]
                  volumes: [{name: v, secret: {secretName: s}}, {name: w, configMap: {name: m}}]
                """,
        },
        ["YAML scalar typing"] = new Dictionary<string, string>
        {
            ["overlay/kustomization.yaml"] = "resources: [t.yaml]\n",
            ["overlay/t.yaml"] = """
                apiVersion: v1
                kind: Thing
                metadata: {name: t}
                spec: &spec
                  a: yes
                  b: on
                  c: 0x1F
                  d: 017
                  e: 1_000
                  f: .5
                  g: +1
                  h: 1e3
                  i: ~
                  j: Null
                  k: TRUE
                  m: 0o17
                  q: 12345678901234567890
                  r: 1.0e+2
                  s: 0.0000001
                  t: "1"
                  u: !!str 5
                  v: 2001-12-14
                  w: 3.
                  x: -0
                  y: 0b101
                  aa: 9007199254740993
                  ab: 1e21
                  ac: 123456789012345678901234
                  ad: |
                    multi
                    line
                  af: 00
                  ag: 08
                  aj: 2001-12-14 21:59:43.10
                  ak: 2001-12-14t21:59:43.10-05:00
                  am: 1:20
                  aq: 18446744073709551616
                  as: 1.7976931348623157e309
                  av: 100000000000000000000.0
                  bb: 2001-13-14
                  "quoted key": 'single ''quoted'''
                copy:
                  <<: *spec
                  a: overridden
                """,
        },
        ["cluster-scoped kinds, ordering and Lists"] = new Dictionary<string, string>
        {
            ["overlay/kustomization.yaml"] = "namespace: z\nresources: [r.yaml, list.yaml]\n",
            ["overlay/list.yaml"] = """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
                - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: elsewhere}}
                """,
            ["overlay/r.yaml"] = string.Join("\n", new[]
            {
                "admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy", "networking.k8s.io/v1 IngressClass",
                "node.k8s.io/v1alpha1 RuntimeClass", "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
                "flowcontrol.apiserver.k8s.io/v1 FlowSchema", "rbac.authorization.k8s.io/v1alpha1 ClusterRole",
                "v1 PersistentVolume", "apiregistration.k8s.io/v1 APIService", "scheduling.k8s.io/v1 PriorityClass",
                "policy/v1beta1 PodSecurityPolicy", "apiextensions.k8s.io/v1 CustomResourceDefinition",
                "storage.k8s.io/v1 StorageClass", "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
                "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration", "v1 Namespace", "apps/v1 Deployment",
                "batch/v1 CronJob", "policy/v1 PodDisruptionBudget", "v1 Secret", "example.com/v1 Widget", "v1 Endpoints",
            }.Select((t, i) => $"---\napiVersion: {t.Split(' ')[0]}\nkind: {t.Split(' ')[1]}\nmetadata: {{name: n{i}}}")),
        },
        ["selectors, replicas, images and fifo order"] = new Dictionary<string, string>
        {
            ["overlay/kustomization.yaml"] = """
                resources: [r.yaml]
                sortOptions: {order: fifo}
                labels:
                - pairs: {sel: "1"}
                  includeSelectors: true
                commonAnnotations: {a: b}
                replicas:
                - {name: st, count: 3}
                - {name: d, count: 0}
                images:
                - {name: nginx, newName: registry.local:5000/nginx, digest: "sha256:abc"}
                - {name: registry.local:5000/other, newTag: v2}
                - {name: busybox, newName: bb}
                """,
            ["overlay/r.yaml"] = """
                apiVersion: v1
                kind: Service
                metadata: {name: svc}
                spec: {type: ExternalName, externalName: x}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: st}
                spec:
                  serviceName: svc
                  selector: {matchLabels: {a: b}}
                  volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: fast}}]
                  template:
                    spec:
                      initContainers: [{name: i, image: "registry.local:5000/other:v1"}]
                      containers: [{name: c, image: "nginx:1.0@sha256:old"}]
                      affinity:
                        podAntiAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {a: b}}, topologyKey: k}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: busybox}]
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cj}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: c, image: busybox}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: np}
                spec: {podSelector: {matchLabels: {a: b}}}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: pdb}
                spec: {selector: {matchLabels: {a: b}}}
                ---
                apiVersion: example.com/v1
                kind: Rollout
                metadata: {name: ro}
                spec: {template: {metadata: {labels: {a: b}}}}
                """,
        },
        ["custom legacy order and an immutable secret"] = new Dictionary<string, string>
        {
            ["overlay/kustomization.yaml"] = """
                resources: [r.yaml]
                secretGenerator:
                - name: s
                  literals: [a=b]
                  options: {immutable: true}
                configMapGenerator:
                - name: c
                  literals: [a=b]
                sortOptions:
                  order: legacy
                  legacySortOptions:
                    orderFirst: [Secret]
                    orderLast: [ConfigMap]
                """,
            ["overlay/r.yaml"] = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ns}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                """,
        },
    };
}
