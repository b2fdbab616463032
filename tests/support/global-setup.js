/** The product's users live in Asia/Shanghai; every test sees that zone whatever the machine's. */
module.exports = async () => {
  process.env.TZ = 'Asia/Shanghai'
}
