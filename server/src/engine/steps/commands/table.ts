/**
 * The bundled command table: what the tools of operations runbooks do, as data (pattern language: match.ts). A
 * command no row matches is `unknown`, which is never read-only. Tools whose effect hangs on a query or a request
 * (SQL clients, redis-cli, curl) are decided in queries.ts; commands that run another command (sudo, ssh, kubectl
 * exec) in classify.ts.
 */
import type { CommandRule, ValueOptions } from './match';
import { C, R, U, type Row } from './rows';
import { DATA_STORES } from './tableData';
import { HOST, OTHER_TOOLS } from './tableHost';

const K = 'kubectl|oc';
const KUBERNETES: Row[] = [
  [`${K} get|describe|logs|top|explain|api-resources|api-versions|version|cluster-info|diff|events|wait|whoami|status|observe|port-forward|proxy|kustomize|completion|options|plugin`, R, 'reads cluster state'],
  [`${K} auth can-i|whoami`, R, 'checks permissions'],
  [`${K} rollout status|history`, R, 'reads rollout state'],
  [`${K} config view|get-contexts|current-context|get-clusters|get-users`, R, 'reads the local kubeconfig'],
  [`${K} config`, C, 'changes the local kubeconfig'],
  [`${K} project|projects`, R, 'shows the current project'],
  [`${K} project *`, C, 'switches the current project'],
  [`${K} delete`, C, 'deletes resources'],
  [`${K} apply|create|replace|new-app|new-build|start-build|import-image|tag|process`, C, 'creates or replaces resources'],
  [`${K} patch|edit|set|label|annotate|taint|expose|autoscale|run|cp|rsync|certificate|secrets|policy|image`, C, 'modifies resources'],
  [`${K} scale`, C, 'scales workloads'],
  [`${K} rollout undo|restart|pause|resume|retry|cancel|latest`, C, 'rolls workloads back or restarts them'],
  [`${K} drain|cordon|uncordon`, C, 'moves workloads off nodes or stops scheduling on them'],
  [`${K} debug`, C, 'starts a debug pod on the cluster'],
  [`${K} attach`, U, 'attaches to a running container'],
  [`${K} login|logout`, C, 'changes the local credentials'],
  [`${K} adm top|inspect|node-logs`, R, 'reads cluster state'],
  [`${K} adm release info`, R, 'reads release information'],
  [`${K} adm inspect --dest-dir*`, C, 'writes the gathered data to files'],
  [`${K} adm must-gather`, C, 'runs data-gathering pods on the cluster'],
  [`${K} adm drain|cordon|uncordon|taint|policy|groups|prune|certificate|reboot-machine-config-pool|new-project|ocp-certificates`, C, 'changes nodes, policies or resources'],
  [`${K} adm upgrade`, R, 'shows the cluster version status'],
  [`${K} adm upgrade --to*|--to-latest*|--to-image*|--clear*|channel|recommend`, C, 'starts or changes a cluster upgrade'],
  [`${K} adm upgrade recommend`, R, 'shows recommended upgrades'],
  ['virtctl version|guestosinfo|fslist|userlist|adm', R, 'reads virtual machine state'],
  ['virtctl start|stop|restart|migrate|migrate-cancel|pause|unpause|soft-reboot|addvolume|removevolume|expose|image-upload|create|memory-dump', C, 'changes virtual machines'],
  ['virtctl console|vnc|ssh|scp|port-forward', U, 'opens a session on a virtual machine'],
  ['virsh list|dominfo|domstate|domstats|dumpxml|domblklist|domblkinfo|domiflist|domifstat|domifaddr|dommemstat|domjobinfo|domcapabilities|domdisplay|domhostname|vcpuinfo|vcpucount|guestinfo|nodeinfo|nodememstats|nodecpustats|nodedev-list|freecell|capabilities|sysinfo|version|hostname|uri|net-list|net-info|net-dumpxml|pool-list|pool-info|vol-list|vol-info|iface-list|snapshot-list|snapshot-info', R, 'reads virtual machine state'],
  ['virsh start|shutdown|destroy|reboot|reset|suspend|resume|undefine|define|create|migrate|setmem|setmaxmem|setvcpus|attach-device|detach-device|attach-disk|detach-disk|attach-interface|detach-interface|edit|autostart|managedsave|save|restore|snapshot-create|snapshot-create-as|snapshot-revert|snapshot-delete|blockcommit|blockpull|blockresize|net-start|net-destroy|net-define|net-undefine|pool-start|pool-destroy|vol-create|vol-delete|qemu-agent-command|qemu-monitor-command|send-key', C, 'changes virtual machines'],
  ['virsh console', U, 'opens a console on a virtual machine'],
  ['helm list|ls|status|get|history|show|inspect|template|search|lint|version|env|verify|dependency', R, 'reads releases or charts'],
  ['helm install|upgrade|uninstall|delete|rollback|test|push|package|pull|fetch|repo|plugin|registry|create', C, 'changes releases, charts or repositories'],
  ['helm repo list', R, 'lists chart repositories'],
  ['helm diff', R, 'shows what an upgrade would change'],
  ['kubectx|kubens|kubectl-ctx', C, 'switches the current context'],
  ['kubectx|kubens -c', R, 'shows the current context'],
  ['istioctl proxy-status|proxy-config|analyze|version|x', R, 'reads the mesh'],
  ['linkerd check|stat|top|tap|viz|version|diagnostics', R, 'reads the mesh'],
  ['stern|k9s', R, 'reads pods and logs'],
];

const CONTAINERS: Row[] = [
  ['docker|podman|nerdctl ps|images|inspect|logs|stats|top|info|version|events|port|diff|history|search', R, 'reads container state'],
  ['docker|podman|nerdctl container|image|network|volume|system|node|service|context ls|list|inspect|logs|df|info|ps|top|stats|history|events', R, 'reads container state'],
  ['docker|podman|nerdctl run|rm|rmi|stop|start|restart|kill|pause|unpause|pull|push|build|tag|create|commit|cp|update|prune|load|import|save|login|logout|rename|wait', C, 'changes containers or images'],
  ['docker|podman|nerdctl container|image|network|volume|system|node|service|plugin|secret|config|stack|swarm|context|builder|buildx', C, 'changes containers, images or the daemon'],
  ['docker|podman|nerdctl manifest inspect', R, 'reads an image manifest'],
  ['docker|podman|nerdctl manifest', C, 'changes image manifests'],
  ['docker|podman compose ps|logs|config|images|top|ls|version', R, 'reads compose services'],
  ['docker|podman compose', C, 'changes compose services'],
  ['docker-compose ps|logs|config|images|top|version', R, 'reads compose services'],
  ['docker-compose', C, 'changes compose services'],
  ['crictl ps|pods|images|img|inspect|inspectp|inspecti|logs|stats|statsp|info|version|imagefsinfo|config', R, 'reads container state'],
  ['crictl rm|rmp|stop|stopp|rmi|runp|create|start|pull|update|port-forward|attach|checkpoint', C, 'changes containers or images'],
  ['ctr ** ls|list|info|check|version|pprof', R, 'reads containerd state'],
  ['ctr', C, 'changes containerd state'],
];

const CLOUD: Row[] = [
  ['aws', U, 'aws operation not known'],
  ['aws * describe-*|list-*|get-*|lookup-*|search-*|batch-get-*|scan|query|filter-log-events|tail|test-*|simulate-*|estimate-*|preview-*|check-*|validate-*|help|wait', R, 'reads cloud resources'],
  ['aws * create-*|delete-*|terminate-*|update-*|put-*|set-*|stop-*|start-*|reboot-*|modify-*|run-*|attach-*|detach-*|associate-*|disassociate-*|register-*|deregister-*|reset-*|restore-*|copy-*|import-*|export-*|invoke|invoke-*|execute-*|send-*|publish|cancel-*|tag-*|untag-*|add-*|remove-*|authorize-*|revoke-*|enable-*|disable-*|replace-*|scale-*|increase-*|decrease-*|purge-*|promote-*|failover-*|rotate-*|upload-*|deploy|deploy-*|apply-*|accept-*|reject-*|release-*|allocate-*|rebuild-*|resize-*|swap-*|change-*|install|uninstall|batch-write-item|batch-delete-*|transact-write-items|sync|cp|mv|rm|mb|rb|presign|website|push|package|login|configure', C, 'creates, changes or deletes cloud resources'],
  ['aws s3 ls', R, 'lists buckets or objects'],
  ['aws sts get-caller-identity|decode-authorization-message', R, 'reads the caller identity'],
  ['aws configure list|get|list-profiles', R, 'reads the local AWS configuration'],
  ['aws logs tail|filter-log-events|get-log-events|start-query|get-query-results|describe-*', R, 'reads logs'],
  ['aws eks update-kubeconfig', C, 'changes the local kubeconfig'],
  ['gcloud|gsutil|bq|az|doctl|linode-cli|hcloud|scw|oci|ibmcloud|exo|vultr-cli', U, 'cloud operation not known'],
  ['gcloud ** list|describe|get-*|read|show-*|print-*|list-*|describe-*|get|tail|info|version|browse|search|estimate|lookup|explain|logs|query|check|check-*|validate|diagnose|get-iam-policy|get-value|get-server-config|tail-serial-port-output|get-serial-port-output', R, 'reads cloud resources'],
  ['gcloud ** create|delete|update|set|set-*|add-*|remove-*|stop|start|reset|resize|deploy|rollback|restart|patch|import|export|upgrade|repair|promote-replica|failover|switchover|restore|enable|disable|apply|undelete|attach-*|detach-*|move|move-*|suspend|resume|submit|run|execute|cancel|abandon-instances|recreate-instances|rolling-action|login|activate|init|configure-docker|get-credentials|ssh|scp|copy-files|write|purge|truncate|unset|authorize|revoke|cp|mv|rm|rsync', C, 'creates, changes or deletes cloud resources'],
  ['gcloud config list|get|get-value|configurations', R, 'reads the local gcloud configuration'],
  ['gcloud auth list|print-access-token|print-identity-token|describe', R, 'reads local credentials'],
  ['gsutil ls|cat|du|stat|hash|version|help|iam|acl|defacl|label|logging|versioning|web|cors|lifecycle|retention|kms|ubla|pap|bucketpolicyonly|requesterpays|notification|autoclass|rpo', R, 'reads buckets or objects'],
  ['gsutil cp|mv|rm|rsync|mb|rb|setmeta|compose|rewrite|signurl|perfdiag|update|config', C, 'changes buckets or objects'],
  ['gsutil iam|acl|defacl|label|logging|versioning|web|cors|lifecycle|retention|kms|ubla|pap|bucketpolicyonly|requesterpays|notification|autoclass|rpo set|ch|create|delete|enable|disable|lock|temp|event-based|clear', C, 'changes bucket settings'],
  ['bq ls|show|head|version|help|wait', R, 'reads datasets'],
  ['bq rm|mk|update|load|cp|insert|truncate|cancel|undelete|extract|init|add-iam-policy-binding|remove-iam-policy-binding|set-iam-policy', C, 'changes datasets or tables'],
  ['az ** list|show|get|get-*|list-*|show-*|query|check-*|exists|version|tail|wait|search|browse|logs|download|log', R, 'reads cloud resources'],
  ['az ** create|delete|update|set|set-*|add|add-*|remove|remove-*|start|stop|restart|deallocate|redeploy|reimage|scale|resize|deploy|swap|import|export|upgrade|enable|enable-*|disable|disable-*|rotate|reset|reset-*|purge|recover|restore|failover|run-command|invoke|invoke-*|upload|login|logout|get-credentials|attach|detach|assign|revoke|grant|register|unregister|sync|cancel|approve|reject|move|renew|install|uninstall', C, 'creates, changes or deletes cloud resources'],
  ['az account show|list|list-locations|get-access-token|tenant', R, 'reads the signed-in account'],
  ['doctl|linode-cli|hcloud|scw|oci|ibmcloud ** list|get|describe|show|ls', R, 'reads cloud resources'],
  ['doctl|linode-cli|hcloud|scw|oci|ibmcloud ** create|delete|update|rm|remove|destroy|attach|detach|resize|reboot|power-*|shutdown|start|stop|restore|rebuild|enable|disable|set|apply|move|add|tag|untag|upload', C, 'creates, changes or deletes cloud resources'],
  ['terraform|tf|tofu|terragrunt', U, 'terraform subcommand not known'],
  ['terraform|tf|tofu|terragrunt plan|show|output|validate|version|providers|graph|console|state|workspace|metadata|modules', R, 'reads infrastructure state'],
  ['terraform|tf|tofu|terragrunt apply|destroy|import|taint|untaint|refresh|init|force-unlock|push|run-all|login|logout|get|test', C, 'changes infrastructure or its state'],
  ['terraform|tf|tofu|terragrunt state rm|mv|push|replace-provider', C, 'changes the infrastructure state'],
  ['terraform|tf|tofu|terragrunt state list|show|pull', R, 'reads the infrastructure state'],
  ['terraform|tf|tofu|terragrunt workspace new|delete|select', C, 'changes the current workspace'],
  ['terraform|tf|tofu|terragrunt workspace list|show', R, 'lists workspaces'],
  ['terraform|tf|tofu|terragrunt fmt', C, 'rewrites files'],
  ['terraform|tf|tofu|terragrunt fmt -check|--check', R, 'checks formatting'],
  ['terraform|tf|tofu|terragrunt providers lock|mirror', C, 'downloads providers'],
  ['terraform|tf|tofu|terragrunt plan -out*', C, 'writes a plan file'],
];

/** The bundled table, in rows. */
export const BUNDLED_RULES: readonly CommandRule[] = [...KUBERNETES, ...CONTAINERS, ...HOST, ...OTHER_TOOLS, ...CLOUD, ...DATA_STORES]
  .map(([pattern, effect, why]) => ({ pattern, effect, why }));

/** Options of each tool that take the next word as their value. */
export const VALUE_OPTIONS: ValueOptions = {
  kubectl: ['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '--user', '-s', '--server', '--as', '--as-group', '--token', '--request-timeout', '--cache-dir', '-l', '--selector', '-o', '--output', '-c', '--container', '--field-selector', '--sort-by', '-L', '--label-columns', '--template', '--since', '--since-time', '--tail', '--type', '-p', '--patch', '--patch-file', '--replicas', '--timeout', '--grace-period', '-f', '--filename', '-k', '--kustomize', '--image', '--to-revision', '--for', '--chunk-size', '--subresource'],
  oc: [],
  virtctl: ['-n', '--namespace', '--context', '--kubeconfig'],
  virsh: ['-c', '--connect', '-d', '--debug', '-l', '--log', '-k', '--keepalive-interval', '-K', '--keepalive-count'],
  helm: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-o', '--output', '--revision', '-f', '--values', '--set', '--set-string', '--version', '--repo', '--timeout'],
  docker: ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level', '-f', '--file', '-p', '--project-name'],
  podman: ['--url', '-c', '--connection', '--log-level', '--root', '--runroot'],
  crictl: ['-r', '--runtime-endpoint', '-i', '--image-endpoint', '-c', '--config', '-t', '--timeout'],
  ctr: ['-n', '--namespace', '-a', '--address'],
  systemctl: ['-H', '--host', '-M', '--machine', '-p', '--property', '-t', '--type', '--state', '-n', '--lines', '-o', '--output', '--signal', '-s', '--kill-whom', '--root'],
  journalctl: [],
  git: ['-C', '-c', '--git-dir', '--work-tree', '--namespace'],
  aws: ['--region', '--profile', '--output', '--query', '--endpoint-url', '--cli-read-timeout', '--cli-connect-timeout', '--color', '--ca-bundle'],
  gcloud: ['--project', '--account', '--configuration', '--format', '--verbosity', '--impersonate-service-account', '--billing-project', '--zone', '--region', '--filter', '--limit', '--sort-by', '--flags-file'],
  az: ['-o', '--output', '--query', '--subscription', '-g', '--resource-group', '-n', '--name'],
  terraform: ['-chdir'],
  etcdctl: ['--endpoints', '--cacert', '--cert', '--key', '--user', '--password', '-w', '--write-out', '--command-timeout', '--dial-timeout'],
  consul: ['-http-addr', '-token', '-datacenter', '-ca-file'],
  vault: ['-address', '-namespace', '-format', '-field', '-mount'],
  nomad: ['-address', '-namespace', '-region', '-token'],
  ceph: ['-c', '--conf', '--cluster', '-n', '--name', '--id', '-k', '--keyring', '-f', '--format', '-o', '--out-file', '-i', '--in-file', '--connect-timeout'],
  rados: ['-p', '--pool', '-c', '--conf', '--id', '-n', '--name', '-k', '--keyring', '-f', '--format'],
  rbd: ['-p', '--pool', '-c', '--conf', '--id', '-n', '--name', '-k', '--keyring', '--format'],
  'gitlab-ctl': [],
  ip: ['-n', '-netns', '-f', '-family', '-b', '-batch', '-rc', '-rcvbuf'],
  tc: ['-n', '-netns', '-b', '-batch'],
  nmcli: ['-f', '--fields', '-g', '--get-values', '-m', '--mode', '-c', '--colors', '-e', '--escape', '-w', '--wait'],
  bq: ['--project_id', '--location', '--format', '--dataset_id', '--api'],
  gsutil: ['-o', '-h', '-u'],
  'ovs-appctl': ['-t', '--target', '-T', '--timeout'],
  'ovn-appctl': ['-t', '--target', '-T', '--timeout'],
  patronictl: ['-c', '--config-file', '-d', '--dcs-url', '-k', '--insecure'],
};
// oc takes kubectl's options; the other kubectl-likes share them too.
(VALUE_OPTIONS as Record<string, readonly string[]>).oc = VALUE_OPTIONS.kubectl;
(VALUE_OPTIONS as Record<string, readonly string[]>).podman = [...VALUE_OPTIONS.docker, ...VALUE_OPTIONS.podman];
(VALUE_OPTIONS as Record<string, readonly string[]>).nerdctl = VALUE_OPTIONS.docker;
