// Data-parallel collectives over PyTorch's own distributed engine: c10d's TCPStore for the rendezvous and
// ProcessGroupGloo for the collectives (Debian's libtorch 1.13 ships both in libtorch_cpu; the Gloo headers
// come from libgloo-dev). Generic ops only: create a group, all-reduce (sum, in place), broadcast, barrier,
// all-gather. Every failure names the rank and the operation; a lost peer is named by its rank when it was
// a process on this machine (its pid is published in the store at creation and probed on failure).
#include "common.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace {

struct Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> pg;
  int rank = 0;
  int world_size = 1;
  int64_t timeout_ms = 0;
  std::string host;
  std::vector<std::string> hosts;  // per rank, read at creation
  std::vector<int64_t> pids;       // per rank, read at creation
  bool broken = false;             // after a failed collective Gloo's context is unusable
};

std::string this_host() {
  char name[256] = {0};
  gethostname(name, sizeof(name) - 1);
  return name;
}

// A process that exited but was not yet reaped is a zombie: kill(pid, 0) still succeeds on it.
bool process_alive(int64_t pid) {
  if (pid <= 0 || kill(static_cast<pid_t>(pid), 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  auto close = line.rfind(')');
  return close == std::string::npos || close + 2 >= line.size() || (line[close + 2] != 'Z' && line[close + 2] != 'X');
}

// Which ranks are gone: those on this machine whose process no longer runs. A killed peer's sockets close
// while its process is still being torn down, so the connection can fail before the peer shows as exited (seen
// under load: the error came without the rank); look again for up to a second before saying none is gone.
std::string lost_ranks(const Group& g) {
  for (int attempt = 0;; ++attempt) {
    std::ostringstream lost;
    int count = 0;
    for (int r = 0; r < g.world_size; ++r) {
      if (r == g.rank || r >= static_cast<int>(g.pids.size()) || g.hosts[r] != g.host) continue;
      if (!process_alive(g.pids[r])) lost << (count++ ? ", " : "") << r;
    }
    if (count > 0) return (count == 1 ? "lost rank " : "lost ranks ") + lost.str() + " (process exited); ";
    if (attempt == 20) return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Runs one collective and waits for it. A call refused before it starts (bad shapes) is the caller's error;
// a failure while waiting is a peer's (gone, or silent past the timeout): the message names the lost rank.
void run(Group& g, const char* op, const std::function<c10::intrusive_ptr<c10d::Work>()>& start) {
  TORCH_CHECK(!g.broken, "rank ", g.rank, ": ", op, " on a process group that already failed");
  c10::intrusive_ptr<c10d::Work> work;
  try {
    work = start();
  } catch (const c10::Error& e) {
    throw std::runtime_error("rank " + std::to_string(g.rank) + ": " + op + ": " + e.what_without_backtrace());
  }
  try {
    work->wait();
  } catch (const std::exception& e) {
    g.broken = true;
    std::string message = e.what();
    if (auto* ce = dynamic_cast<const c10::Error*>(&e)) message = ce->what_without_backtrace();
    throw std::runtime_error("rank " + std::to_string(g.rank) + " of " + std::to_string(g.world_size) + ": " + op +
                             " failed: " + lost_ranks(g) + "a peer closed the connection or did not answer within " +
                             std::to_string(g.timeout_ms / 1000) + " s (" + message + ")");
  }
}

std::shared_ptr<::gloo::transport::Device> device_for(const std::string& master_addr) {
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  // A job on one machine stays on loopback; otherwise Gloo resolves this host's name (as PyTorch does).
  if (master_addr == "localhost" || master_addr.rfind("127.", 0) == 0)
    return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

}  // namespace

/// Joins a group of `world_size` processes. Rank 0 hosts the TCPStore at master_addr:port unless
/// `store_prefix` is given: then the store is torchrun's agent store (TORCHELASTIC_USE_AGENT_STORE), every
/// rank is a client and keys live under the prefix, as torch.distributed's env:// rendezvous does.
VQ_API int32_t vq_dist_init(const char* master_addr, int32_t port, int32_t rank, int32_t world_size,
                            int64_t timeout_ms, const char* store_prefix, void** out) {
  VQ_TRY
  TORCH_CHECK(world_size >= 1 && rank >= 0 && rank < world_size, "process group: rank ", rank,
              " is outside world size ", world_size);
  TORCH_CHECK(port > 0 && port < 65536, "process group: port ", port, " is outside 1..65535");
  TORCH_CHECK(timeout_ms > 0, "process group: timeout must be positive, got ", timeout_ms, " ms");
  auto g = std::make_unique<Group>();
  g->rank = rank;
  g->world_size = world_size;
  g->timeout_ms = timeout_ms;
  g->host = this_host();
  std::chrono::milliseconds timeout(timeout_ms);
  bool agent_store = store_prefix && *store_prefix;
  try {
    c10d::TCPStoreOptions options;
    options.port = static_cast<uint16_t>(port);
    options.isServer = !agent_store && rank == 0;
    options.numWorkers = world_size;
    options.waitWorkers = !agent_store;
    options.timeout = timeout;
    options.multiTenant = true;
    c10::intrusive_ptr<c10d::Store> tcp = c10::make_intrusive<c10d::TCPStore>(master_addr, options);
    if (agent_store)
      g->store = c10::make_intrusive<c10d::PrefixStore>(store_prefix, tcp);
    else
      g->store = tcp;
  } catch (const std::exception& e) {
    throw std::runtime_error("rank " + std::to_string(rank) + ": cannot reach the rendezvous store at " + master_addr +
                             ":" + std::to_string(port) + " within " + std::to_string(timeout_ms / 1000) +
                             " s (" + e.what() + ")");
  }
  auto options = c10d::ProcessGroupGloo::Options::create(timeout);
  options->devices.push_back(device_for(master_addr));
  g->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(g->store, rank, world_size, options);
  // Publish who we are, then read everyone: on a failure, the lost rank can then be named.
  std::string me = g->host + " " + std::to_string(getpid());
  g->store->set("vqdna/proc/" + std::to_string(rank), std::vector<uint8_t>(me.begin(), me.end()));
  for (int r = 0; r < world_size; ++r) {
    auto bytes = g->store->get("vqdna/proc/" + std::to_string(r));
    std::istringstream in(std::string(bytes.begin(), bytes.end()));
    std::string host;
    int64_t pid = 0;
    in >> host >> pid;
    g->hosts.push_back(host);
    g->pids.push_back(pid);
  }
  *out = g.release();
  return 0;
  VQ_CATCH(-1)
}

/// Frees a group. A group whose collective failed is leaked on purpose: Gloo's worker threads may still
/// be blocked on the dead peer, and joining them could hang the process that is about to exit.
VQ_API void vq_dist_free(void* handle) {
  auto* g = static_cast<Group*>(handle);
  if (!g) return;
  if (g->broken) return;
  try {
    delete g;
  } catch (...) {
  }
}

/// Sums the tensors in place across ranks (every rank passes the same shapes in the same order). Several
/// tensors of one dtype travel as one flat message (Gloo's list form means one tensor per device).
VQ_API int32_t vq_dist_allreduce(void* handle, const Tensor* tensors, int32_t n) {
  VQ_TRY
  auto& g = *static_cast<Group*>(handle);
  at::NoGradGuard no_grad;  // parameters are written in place, outside autograd
  auto ts = vq::list(tensors, n);
  if (ts.empty()) return 0;
  bool one_dtype = std::all_of(ts.begin(), ts.end(), [&](const at::Tensor& t) { return t.scalar_type() == ts[0].scalar_type(); });
  if (ts.size() == 1 && ts[0].is_contiguous()) {
    run(g, "allreduce", [&] { return g.pg->allreduce(ts, c10d::AllreduceOptions{}); });
  } else if (one_dtype) {
    std::vector<at::Tensor> flats;
    for (auto& t : ts) flats.push_back(t.reshape(-1));
    std::vector<at::Tensor> flat{at::cat(flats)};
    run(g, "allreduce", [&] { return g.pg->allreduce(flat, c10d::AllreduceOptions{}); });
    int64_t offset = 0;
    for (auto& t : ts) {
      t.copy_(flat[0].narrow(0, offset, t.numel()).view(t.sizes()));
      offset += t.numel();
    }
  } else {
    for (auto& t : ts) {
      std::vector<at::Tensor> one{t.contiguous()};
      run(g, "allreduce", [&] { return g.pg->allreduce(one, c10d::AllreduceOptions{}); });
      if (!one[0].is_same(t)) t.copy_(one[0]);
    }
  }
  return 0;
  VQ_CATCH(-1)
}

/// Copies `root`'s tensors into every rank's, in place.
VQ_API int32_t vq_dist_broadcast(void* handle, const Tensor* tensors, int32_t n, int32_t root) {
  VQ_TRY
  auto& g = *static_cast<Group*>(handle);
  TORCH_CHECK(root >= 0 && root < g.world_size, "rank ", g.rank, ": broadcast root ", root, " is outside world size ",
              g.world_size);
  at::NoGradGuard no_grad;
  auto ts = vq::list(tensors, n);
  for (auto& t : ts) {
    std::vector<at::Tensor> one{t.contiguous()};
    c10d::BroadcastOptions options;
    options.rootRank = root;
    run(g, "broadcast", [&] { return g.pg->broadcast(one, options); });
    if (!one[0].is_same(t)) t.copy_(one[0]);
  }
  return 0;
  VQ_CATCH(-1)
}

/// Waits until every rank reached the barrier.
VQ_API int32_t vq_dist_barrier(void* handle) {
  VQ_TRY
  auto& g = *static_cast<Group*>(handle);
  run(g, "barrier", [&] { return g.pg->barrier(c10d::BarrierOptions{}); });
  return 0;
  VQ_CATCH(-1)
}

/// Gathers one tensor per rank (same shape everywhere) into a new tensor of shape [world_size, ...].
VQ_API Tensor vq_dist_allgather(void* handle, Tensor input) {
  VQ_TRY
  auto& g = *static_cast<Group*>(handle);
  auto src = input->contiguous();
  std::vector<at::Tensor> inputs{src};
  std::vector<std::vector<at::Tensor>> outputs(1);
  for (int r = 0; r < g.world_size; ++r) outputs[0].push_back(at::empty_like(src));
  run(g, "allgather", [&] { return g.pg->allgather(outputs, inputs, c10d::AllgatherOptions{}); });
  return vq::wrap(at::stack(outputs[0]));
  VQ_CATCH(nullptr)
}
