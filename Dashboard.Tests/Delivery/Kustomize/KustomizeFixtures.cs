namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

/// <summary>
/// Small kustomizations exercising the features deploy/ does not (yet) use, each rendered by
/// the real kubectl in the feature tests. Every case renders its "overlay" folder.
/// </summary>
internal static partial class KustomizeFixtures
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Cases =>
        Patching.Concat(Generating).ToDictionary();

    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Patching = new()
    {
        ["namespace, prefix and references"] = new Dictionary<string, string>
        {
            ["base/kustomization.yaml"] = """
                resources: [res.yaml]
                namePrefix: b-
                configMapGenerator:
                - name: cfg
                  literals: [A=1, B=true, C="x y", D=2.50, E=null, F=0x1F, G=yes]
                """,
            ["base/res.yaml"] = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: orig}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: sa}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: default}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: cr}
                rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [cfg], verbs: [get]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: crb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr}
                subjects:
                - {kind: ServiceAccount, name: sa}
                - {kind: ServiceAccount, name: sa, namespace: other}
                - {kind: ServiceAccount, name: default, namespace: x}
                - {kind: User, name: bob}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr}
                subjects:
                - {kind: ServiceAccount, name: sa, namespace: foo}
                - {kind: ServiceAccount, name: default}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec:
                      serviceAccountName: sa
                      containers:
                      - name: c
                        image: nginx
                        envFrom: [{configMapRef: {name: cfg}}]
                        env:
                        - {name: X, valueFrom: {configMapKeyRef: {name: cfg, key: A}}}
                        - {name: n, value: "012"}
                        - {name: o, value: 1.0}
                      volumes:
                      - {name: v, configMap: {name: cfg}}
                      - {name: p, projected: {sources: [{configMap: {name: cfg}}]}}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: h}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}, maxReplicas: 2}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  containers: [{name: z, image: "nginx:1.2"}]
                """,
            ["overlay/kustomization.yaml"] = """
                resources: [../base]
                namespace: prod
                nameSuffix: -s
                commonLabels: {team: a}
                commonAnnotations: {note: "1"}
                labels:
                - pairs: {l1: v1}
                  includeTemplates: true
                images:
                - name: nginx
                  newTag: "1.27"
                """,
        },
        ["strategic merge and JSON 6902 patches"] = new Dictionary<string, string>
        {
            ["overlay/kustomization.yaml"] = """
                resources: [d.yaml]
                patches:
                - path: p.yaml
                - patch: |-
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata: {name: h}
                    spec:
                      metrics:
                      - type: External
                        external: {metric: {name: q}}
                - patch: |-
                    - op: add
                      path: /spec/ports/-
                      value: {name: extra, port: 9, targetPort: 9}
                    - op: replace
                      path: /metadata/labels
                      value: {x: "1"}
                    - op: copy
                      from: /spec/ports/0
                      path: /spec/ports/0
                  target: {kind: Serv.*}
                - patch: |-
                    apiVersion: v1
                    kind: Whatever
                    metadata:
                      name: ignored
                      annotations: {patched: "yes"}
                  target: {labelSelector: "tier in (web, api),!legacy"}
                """,
            ["overlay/d.yaml"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, finalizers: [a, b], labels: {tier: web}}
                spec:
                  replicas: 2
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
                  template:
                    metadata:
                      labels: {app: d, keep: x}
                    spec:
                      tolerations: [{key: k1, operator: Exists}, {key: k2, operator: Exists}]
                      containers:
                      - name: c
                        image: nginx
                        args: [a, b]
                        ports: [{name: http, containerPort: 80}, {name: metrics, containerPort: 9090}]
                        env: [{name: A, value: "1"}, {name: B, value: "2"}]
                        volumeMounts: [{name: v, mountPath: /a}]
                      - name: side
                        image: busybox
                      volumes: [{name: v, emptyDir: {}}]
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: h, labels: {tier: api, legacy: "true"}}
                spec:
                  metrics:
                  - type: Resource
                    resource: {name: cpu}
                  - type: Pods
                    pods: {metric: {name: x}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: s, labels: {a: b, tier: api}}
                spec:
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  items: [{name: a, v: 1}, {name: b, v: 2}]
                  obj: {a: 1}
                """,
            ["overlay/p.yaml"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, finalizers: [c]}
                spec:
                  replicas: null
                  strategy: {rollingUpdate: {maxUnavailable: 0}}
                  template:
                    metadata:
                      labels: {keep: null, new: y}
                    spec:
                      tolerations: [{key: k3, operator: Exists}]
                      initContainers: [{name: init, image: busybox}]
                      containers:
                      - name: new
                        image: alpine
                      - name: c
                        args: [z]
                        ports: [{name: extra, containerPort: 81}, {name: http, containerPort: 8080}]
                        env: [{name: B, value: "3"}, {name: C, value: "4"}, {name: A, $patch: delete}]
                        volumeMounts: [{name: w, mountPath: /b}]
                      - name: side
                        $patch: delete
                      volumes: [{name: w, configMap: {name: cm}}]
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  items: [{name: b, v: 3}]
                  newobj: {}
                  obj: {}
                """,
        },
        ["patch directives and deprecated patch fields"] = new Dictionary<string, string>
        {
            ["overlay/kustomization.yaml"] = """
                resources: [d.yaml]
                patchesStrategicMerge:
                - replace.yaml
                - |-
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: gone}
                  $patch: delete
                patchesJson6902:
                - target: {group: apps, version: v1, kind: Deployment, name: d}
                  path: ops.yaml
                """,
            ["overlay/d.yaml"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                      - name: c
                        image: x
                        env: [{name: A, value: "1"}, {name: B, value: "1"}]
                      - name: e
                        image: y
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: gone}
                data: {a: b}
                """,
            ["overlay/replace.yaml"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                      - name: c
                        env:
                        - $patch: replace
                        - {name: Z, value: "9"}
                      - $patch: replace
                      - name: q
                        image: q
                """,
            ["overlay/ops.yaml"] = """
                - {op: add, path: /metadata/annotations, value: {a/b: "c"}}
                - {op: add, path: /spec/template/spec/containers/0/args, value: [run]}
                - {op: move, from: /spec/template/spec/containers/1/image, path: /spec/template/spec/containers/0/image}
                - {op: test, path: /spec/template/spec/containers/0/image, value: q}
                - {op: remove, path: /spec/template/spec/containers/0/env}
                """,
        },
    };
}
