# Sourced by serve.sh and serve-dist.sh: writes RUN/nginx.conf, the main configuration of an nginx
# run by hand in the foreground, with everything it writes kept in RUN.
#   nginx_conf RUN SITE_CONF [MODULE...]   (SITE_CONF: what goes inside `http`, by `include`)
nginx_conf() {
  local run=$1 site=$2
  shift 2
  {
    for module in "$@"; do echo "load_module $module;"; done
    cat <<CONF
worker_processes 1;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
daemon off;
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $run/body;
    proxy_temp_path $run/proxy;
    fastcgi_temp_path $run/fastcgi;
    uwsgi_temp_path $run/uwsgi;
    scgi_temp_path $run/scgi;
    include $site;
}
CONF
  } > "$run/nginx.conf"
}
